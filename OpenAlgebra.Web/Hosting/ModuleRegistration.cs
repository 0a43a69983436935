using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Imaging;
using OpenAlgebra.Modules.Inference;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Web.Hosting;

internal static class ModuleRegistration
{
    /// <summary>Every module, for the server and the command line alike.</summary>
    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddPlatform(configuration)
            .AddCompliance(configuration)
            .AddImaging(configuration)
            .AddLinearAlgebra(configuration)
            .AddInference(configuration);
}
