using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging;

public static class ImagingModule
{
    /// <summary>
    /// The DICOM and NIfTI codecs, pixel decoding, series → volume assembly, the DICOM de-identifier and slice rendering
    /// (all stateless: one instance serves all).
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDicomCodec, DicomCodec>();
        services.AddSingleton<INiftiCodec, NiftiCodec>();
        services.AddSingleton<IDicomPixelDecoder, DicomPixelDecoder>();
        services.AddSingleton<IVolumeBuilder, DicomVolumeBuilder>();
        services.AddSingleton<IDicomDeidentifier, DicomDeidentifier>();
        services.AddSingleton<ISliceRenderer, SliceRenderer>();
        return services;
    }
}
