using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Modules.Imaging;

public static class ImagingModule
{
    /// <summary>The DICOM and NIfTI codecs (stateless: one instance serves all).</summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDicomCodec, DicomCodec>();
        services.AddSingleton<INiftiCodec, NiftiCodec>();
        return services;
    }
}
