namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>The bytes are not a DICOM data set, or pixel data, that can be read here; names where it went wrong.</summary>
public sealed class DicomFormatException : Exception
{
    public DicomFormatException(string message, DicomTag? tag, long offset, Exception? inner = null)
        : base(Describe(message, tag, offset), inner)
    {
        Tag = tag;
        Offset = offset;
    }

    /// <summary>The element being read, when known.</summary>
    public DicomTag? Tag { get; }

    /// <summary>Byte offset in the stream (of the decompressed stream for deflated files); −1 when not known.</summary>
    public long Offset { get; }

    private static string Describe(string message, DicomTag? tag, long offset)
    {
        var where = string.Join(", ", new[]
        {
            offset >= 0 ? $"at byte {offset}" : null,
            tag is { } t ? $"element {DicomRegistry.Describe(t)}" : null,
        }.Where(part => part is not null));
        return where.Length == 0 ? message : $"{message} ({where})";
    }
}
