namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// A lease on one candidate file spooled to a private temp file, or held in memory when small. Disposing it gives it back;
/// disposing the <see cref="SpooledUpload"/> does so for every file of the upload, leased or not.
/// </summary>
public sealed class UploadedFile : UploadItem, IDisposable
{
    private readonly UploadTempFiles _owner;

    internal UploadedFile(string name, string path, long length, UploadFileKind kind, string? contentType, UploadTempFiles owner)
        : base(name)
    {
        _owner = owner;
        Path = path;
        Length = length;
        Kind = kind;
        ContentType = contentType;
    }

    /// <summary>The temp file, named by the upload, never by the client; a part held in memory has a name that is no file's.</summary>
    public string Path { get; }

    public long Length { get; }

    public UploadFileKind Kind { get; }

    /// <summary>The part's Content-Type header as sent (e.g. <c>application/dicom</c>); null for archive entries.</summary>
    public string? ContentType { get; }

    public Stream OpenRead() => _owner.OpenRead(Path, Length);

    /// <summary>This file, to ingest; read through the lease, so a part held in memory is read from there.</summary>
    public IngestSource ToIngestSource() => new(Name, Path, Kind == UploadFileKind.Nifti) { Upload = this };

    public void Dispose() => _owner.Release(Path);
}
