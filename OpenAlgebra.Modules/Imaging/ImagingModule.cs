using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Modules.Imaging;

public static class ImagingModule
{
    /// <summary>The DICOM and NIfTI codecs and the DICOM de-identifier (stateless: one instance serves all).</summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDicomCodec, DicomCodec>();
        services.AddSingleton<INiftiCodec, NiftiCodec>();
        services.AddSingleton<IDicomDeidentifier, DicomDeidentifier>();
        return services;
    }
}
