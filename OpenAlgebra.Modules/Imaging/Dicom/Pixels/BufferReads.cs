namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>Reads a range of a value whether it is held in memory or spooled to disk.</summary>
internal static class BufferReads
{
    /// <summary>Copies <paramref name="destination"/>.Length bytes starting at <paramref name="offset"/>; the caller has checked the range.</summary>
    public static void Read(DicomBuffer buffer, long offset, Span<byte> destination)
    {
        if (buffer.IsInMemory)
        {
            buffer.Memory.Span.Slice(checked((int)offset), destination.Length).CopyTo(destination);
            return;
        }

        // Each caller gets its own stream over the shared handle, so frames decode in parallel without a lock.
        using var stream = buffer.OpenRead();
        stream.Position = offset;
        stream.ReadExactly(destination);
    }
}
