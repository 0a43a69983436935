namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// A lease on one candidate file spooled to a private temp file. Disposing it empties the file and gives it back;
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

    /// <summary>The temp file, named by the upload, never by the client.</summary>
    public string Path { get; }

    public long Length { get; }

    public UploadFileKind Kind { get; }

    /// <summary>The part's Content-Type header as sent (e.g. <c>application/dicom</c>); null for archive entries.</summary>
    public string? ContentType { get; }

    public Stream OpenRead() => File.OpenRead(Path);

    public void Dispose() => _owner.Release(Path);
}
