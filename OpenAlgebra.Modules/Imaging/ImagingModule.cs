using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Modules.Imaging;

public static class ImagingModule
{
    /// <summary>Registers the Imaging module's services: the NIfTI codec, which is stateless and so one instance serves all.</summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<INiftiCodec, NiftiCodec>();
}
