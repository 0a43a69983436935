namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>The bytes are not a DICOM data set this codec can read; names where it went wrong.</summary>
public sealed class DicomFormatException : Exception
{
    public DicomFormatException(string message, DicomTag? tag, long offset, Exception? inner = null)
        : base($"{message} (at byte {offset}{(tag is { } t ? $", element {DicomRegistry.Describe(t)}" : "")})", inner)
    {
        Tag = tag;
        Offset = offset;
    }

    /// <summary>The element being read, when known.</summary>
    public DicomTag? Tag { get; }

    /// <summary>Byte offset in the stream (of the decompressed stream for deflated files).</summary>
    public long Offset { get; }
}
