using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging;

public static class ImagingModule
{
    /// <summary>
    /// The DICOM and NIfTI codecs, pixel decoding, series → volume assembly and the DICOM de-identifier
    /// (all stateless: one instance serves all), and the upload spooler with its <c>OpenAlgebra:Upload</c> limits.
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDicomCodec, DicomCodec>();
        services.AddSingleton<INiftiCodec, NiftiCodec>();
        services.AddSingleton<IDicomPixelDecoder, DicomPixelDecoder>();
        services.AddSingleton<IVolumeBuilder, DicomVolumeBuilder>();
        services.AddSingleton<IDicomDeidentifier, DicomDeidentifier>();
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IUploadSpooler, UploadSpooler>();
        return services;
    }
}
