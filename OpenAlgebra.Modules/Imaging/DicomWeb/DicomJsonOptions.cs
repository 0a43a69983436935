namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>How binary values are written in DICOM JSON (PS3.18 F.2.6, F.2.7).</summary>
public sealed record DicomJsonOptions
{
    /// <summary>
    /// Binary values (OB, OD, OF, OL, OV, OW, UN, encapsulated pixel data) longer than this many bytes are written
    /// as a "BulkDataURI" when <see cref="BulkDataUri"/> is set; shorter ones, and all of them without it, go inline
    /// as base64 "InlineBinary". 768 bytes is 1024 base64 characters, pydicom's default cut.
    /// </summary>
    public int BulkDataThreshold { get; init; } = 768;

    /// <summary>The URI a client retrieves a bulk value from, given where the attribute is (WADO-RS bulkdata).</summary>
    public Func<DicomTagPath, string>? BulkDataUri { get; init; }
}
