using System.Buffers.Binary;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// Which fragments of encapsulated pixel data make up each frame (PS3.5 A.4): from the Basic Offset Table when it has
/// entries; else one fragment per frame when the counts agree, all fragments for a single frame, or, for JPEG, a new
/// frame after every fragment that ends with an End Of Image marker.
/// </summary>
internal sealed class EncapsulatedFrames
{
    private const int ItemHeaderLength = 8;
    private readonly List<DicomBuffer> _fragments;
    private readonly int[] _starts;

    private EncapsulatedFrames(List<DicomBuffer> fragments, int[] starts)
    {
        _fragments = fragments;
        _starts = starts;
    }

    public int Count => _starts.Length - 1;

    /// <exception cref="DicomFormatException">The offset table or the fragments do not make <paramref name="frames"/> frames.</exception>
    public static EncapsulatedFrames Map(DicomFragments pixelData, int frames, bool splitAtJpegEnd)
    {
        var fragments = pixelData.Fragments;
        if (fragments.Count < frames)
        {
            throw Invalid($"{frames} frames need at least as many fragments, the pixel data has {fragments.Count}");
        }

        int[] starts;
        if (pixelData.OffsetTable.Length > 0)
        {
            starts = FromOffsetTable(pixelData.OffsetTable, fragments, frames);
        }
        else if (fragments.Count == frames)
        {
            starts = Enumerable.Range(0, frames + 1).ToArray();
        }
        else if (frames == 1)
        {
            starts = [0, fragments.Count];
        }
        else if (splitAtJpegEnd)
        {
            starts = AtEndOfImage(fragments, frames);
        }
        else
        {
            throw Invalid($"{fragments.Count} fragments for {frames} frames without an offset table: each frame must be one fragment");
        }

        return new EncapsulatedFrames(fragments, starts);
    }

    /// <summary>
    /// Refuses frames too small to decode to <paramref name="decoded"/> units at <paramref name="perByte"/> units per
    /// compressed byte at best, so that a header declaring a huge image over a few bytes of data gets no buffer for it.
    /// </summary>
    public void CheckExpansion(long decoded, long perByte, string codec)
    {
        for (var frame = 0; frame < Count; frame++)
        {
            long compressed = 0;
            for (var i = _starts[frame]; i < _starts[frame + 1]; i++)
            {
                compressed += _fragments[i].Length;
            }

            if (decoded > compressed * perByte)
            {
                throw Invalid($"{codec} frame {frame} has {compressed} bytes, too few for the {decoded} the header implies");
            }
        }
    }

    /// <summary>The frame's bytes; dispose to return pooled memory.</summary>
    public FrameBytes Read(int frame) => FrameBytes.Gather(_fragments, _starts[frame], _starts[frame + 1] - _starts[frame]);

    private static int[] FromOffsetTable(DicomBuffer table, List<DicomBuffer> fragments, int frames)
    {
        if (table.Length != 4L * frames)
        {
            throw Invalid($"The Basic Offset Table has {table.Length} bytes, {frames} frames need {4L * frames}");
        }

        Span<byte> entry = stackalloc byte[4];
        var starts = new int[frames + 1];
        starts[frames] = fragments.Count;
        long position = 0;
        var fragment = 0;
        for (var frame = 0; frame < frames; frame++)
        {
            BufferReads.Read(table, 4L * frame, entry);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            // Walk the fragments up to the item the offset names; it must start exactly there.
            while (position < offset && fragment < fragments.Count)
            {
                position += ItemHeaderLength + fragments[fragment].Length;
                fragment++;
            }

            if (position != offset || fragment >= fragments.Count || (frame > 0 && fragment == starts[frame - 1]) || (frame == 0 && offset != 0))
            {
                throw Invalid($"Basic Offset Table entry {frame} ({offset}) is not the start of a new fragment");
            }

            starts[frame] = fragment;
        }

        return starts;
    }

    private static int[] AtEndOfImage(List<DicomBuffer> fragments, int frames)
    {
        var starts = new List<int>(frames + 1) { 0 };
        Span<byte> tail = stackalloc byte[3];
        for (var i = 0; i < fragments.Count; i++)
        {
            var length = fragments[i].Length;
            var read = (int)Math.Min(3, length);
            BufferReads.Read(fragments[i], length - read, tail[..read]);
            // A stream of odd length is padded with one zero byte to keep the item even.
            var end = tail[..read];
            if (end is [.., 0xFF, 0xD9] or [.., 0xFF, 0xD9, 0x00])
            {
                starts.Add(i + 1);
            }
        }

        if (starts[^1] != fragments.Count)
        {
            starts.Add(fragments.Count);
        }

        if (starts.Count != frames + 1)
        {
            throw Invalid($"The fragments hold {starts.Count - 1} JPEG images (by their End Of Image markers), Number of Frames is {frames}");
        }

        return starts.ToArray();
    }

    private static DicomFormatException Invalid(string message) => new(message, DicomTags.PixelData, -1);
}
