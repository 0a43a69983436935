namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// What a file looks like from its first bytes. Names are not trusted: a text file called <c>.dcm</c> is
/// <see cref="Other"/>, a DICOM file called <c>.txt</c> is <see cref="Dicom"/>. A guess only; parsing decides.
/// </summary>
public enum UploadFileKind
{
    /// <summary>Neither of the others; the pipeline reports it rather than failing the upload.</summary>
    Other,

    /// <summary>"DICM" at byte 128 (Part 10), or a raw data set whose first element is a plausible low group.</summary>
    Dicom,

    /// <summary>A single-file NIfTI-1 (<c>n+1</c> at byte 344) or NIfTI-2 (<c>n+2</c> at byte 4), plain or gzipped.</summary>
    Nifti,
}
