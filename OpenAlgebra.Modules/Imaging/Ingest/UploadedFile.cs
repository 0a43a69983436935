namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// A lease on one candidate file spooled to a private temp file. Disposing it deletes the file; disposing the
/// <see cref="SpooledUpload"/> deletes every file of the upload, leased or not.
/// </summary>
public sealed class UploadedFile : UploadItem, IDisposable
{
    internal UploadedFile(string name, string path, long length, UploadFileKind kind, string? contentType)
        : base(name)
    {
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

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (DirectoryNotFoundException)
        {
            // The upload was disposed first and took its folder with it: nothing is left to delete.
        }
    }
}
