using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging;

public static class ImagingModule
{
    /// <summary>The DICOM codec, pixel decoding and series → volume assembly.</summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDicomCodec, DicomCodec>();
        services.AddSingleton<IDicomPixelDecoder, DicomPixelDecoder>();
        services.AddSingleton<IVolumeBuilder, DicomVolumeBuilder>();
        return services;
    }
}
