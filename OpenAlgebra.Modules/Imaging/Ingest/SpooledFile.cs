namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>A part or entry on disk, sniffed, not yet handed out as a lease.</summary>
internal sealed record SpooledFile(string Name, string Path, long Length, UploadFileKind Kind, bool IsArchive, string? ContentType)
{
    public UploadedFile Lease(UploadTempFiles owner) => new(Name, Path, Length, Kind, ContentType, owner);
}
