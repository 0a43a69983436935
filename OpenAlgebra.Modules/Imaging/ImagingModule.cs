using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Imaging;

public static class ImagingModule
{
    /// <summary>
    /// The DICOM and NIfTI codecs, pixel decoding, series → volume assembly, the DICOM de-identifier, slice rendering,
    /// the upload spooler (with its <c>OpenAlgebra:Upload</c> limits), the study index, the ingest pipeline, and the reader and writer of series derived from stored ones
    /// (singletons over the shared stores).
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDicomCodec, DicomCodec>();
        services.AddSingleton<INiftiCodec, NiftiCodec>();
        services.AddSingleton<IDicomPixelDecoder, DicomPixelDecoder>();
        services.AddSingleton<IVolumeBuilder, DicomVolumeBuilder>();
        services.AddSingleton<IDicomDeidentifier, DicomDeidentifier>();
        services.AddSingleton<IMigrationSource, ImagingMigrations>();
        services.AddSingleton<IStudyIndex, StudyIndex>();
        services.AddSingleton<FilePreparation>();
        services.AddSingleton<IStudyIngest, StudyIngest>();
        services.AddSingleton<IOrphanSweeper, OrphanSweeper>();
        services.AddSingleton<ISeriesVolumes, SeriesVolumes>();
        services.AddSingleton<ISliceRenderer, SliceRenderer>();
        services.AddSingleton<Derived.ISourceSeriesReader, Derived.SourceSeriesReader>();
        services.AddSingleton<Derived.IDerivedSeriesWriter, Derived.DerivedSeriesWriter>();
        services.AddSingleton<DicomWeb.IDicomWebQueries, DicomWeb.DicomWebQueries>();
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IUploadSpooler, UploadSpooler>();
        return services;
    }
}
