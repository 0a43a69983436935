namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>The first bytes of the file being written, kept as they pass so that sniffing needs no second read.</summary>
internal sealed class FileHead
{
    private readonly byte[] _bytes = new byte[FileSniffer.HeadLength];
    private int _length;

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    public bool IsArchive => FileSniffer.IsArchive(Bytes);

    public void Reset() => _length = 0;

    public void Capture(ReadOnlySpan<byte> chunk)
    {
        var take = Math.Min(chunk.Length, _bytes.Length - _length);
        chunk[..take].CopyTo(_bytes.AsSpan(_length));
        _length += take;
    }

    /// <summary>Call once the file is closed: a gzip file is opened again to look inside.</summary>
    public SpooledFile Describe(string name, string path, long length, string? contentType) =>
        new(name, path, length, FileSniffer.Kind(Bytes, length, path), IsArchive, contentType);
}
