using System.Buffers;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// The compressed bytes of one frame: the fragment's own memory when the frame is one in-memory fragment, else the
/// fragments concatenated into a pooled array that goes back to the pool on dispose.
/// </summary>
internal readonly struct FrameBytes : IDisposable
{
    private readonly byte[]? _rented;

    private FrameBytes(ReadOnlyMemory<byte> memory, byte[]? rented)
    {
        Memory = memory;
        _rented = rented;
    }

    public ReadOnlyMemory<byte> Memory { get; }

    public ReadOnlySpan<byte> Span => Memory.Span;

    public static FrameBytes Gather(IReadOnlyList<DicomBuffer> fragments, int first, int count)
    {
        if (count == 1 && fragments[first].IsInMemory)
        {
            return new FrameBytes(fragments[first].Memory, null);
        }

        long total = 0;
        for (var i = first; i < first + count; i++)
        {
            total += fragments[i].Length;
        }

        if (total > Array.MaxLength)
        {
            throw new DicomFormatException($"Frame data of {total} bytes in {count} fragments is larger than one frame can be", DicomTags.PixelData, -1);
        }

        var rented = ArrayPool<byte>.Shared.Rent((int)total);
        var filled = 0;
        for (var i = first; i < first + count; i++)
        {
            var length = (int)fragments[i].Length;
            BufferReads.Read(fragments[i], 0, rented.AsSpan(filled, length));
            filled += length;
        }

        return new FrameBytes(rented.AsMemory(0, filled), rented);
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
    }
}
