using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Modules.LinearAlgebra;

public static class LinearAlgebraModule
{
    /// <summary>
    /// The sparse solver (<see cref="ILinearSolver"/>) with its backend choice from <c>OpenAlgebra:LinearAlgebra</c> and
    /// its preconditioners. A GPU backend plugs in by registering an <see cref="IGpuBackendProvider"/>.
    /// </summary>
    public static IServiceCollection AddLinearAlgebra(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinearAlgebraOptions>().Bind(configuration.GetSection(LinearAlgebraOptions.Section)).ValidateOnStart();
        services.AddSingleton<BackendSelector>();
        services.AddSingleton<PreconditionerFactory>();
        services.AddSingleton<ILinearSolver, LinearSolver>();
        return services;
    }
}
