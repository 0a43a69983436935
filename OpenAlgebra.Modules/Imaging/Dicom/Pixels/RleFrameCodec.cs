using System.Buffers.Binary;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// RLE Lossless (PS3.5 Annex G): each frame is one fragment holding a 64-byte header (segment count, then up to 15
/// segment offsets) and one PackBits-coded segment per byte plane: for each sample, its most significant byte first.
/// Segments decode straight into the interleaved destination, each byte to its place in its little-endian sample.
/// </summary>
internal sealed class RleFrameCodec(EncapsulatedFrames frames, PixelAttributes attributes) : IFrameCodec
{
    private const int HeaderLength = 64;
    private const int MaxSegments = 15;

    public void Decode(int frame, Span<byte> destination)
    {
        using var bytes = frames.Read(frame);
        var data = bytes.Span;
        var bytesPerSample = attributes.BytesPerSample;
        var segments = attributes.Samples * bytesPerSample;
        if (data.Length < HeaderLength)
        {
            throw Invalid(frame, $"{data.Length} bytes are too few for the 64-byte RLE header");
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (declared != segments)
        {
            throw Invalid(frame, $"the RLE header declares {declared} segments, {attributes.Samples} sample(s) of {attributes.BitsAllocated} bits need {segments}");
        }

        var stride = segments;
        var pixels = attributes.PixelsPerFrame;
        for (var segment = 0; segment < segments; segment++)
        {
            var start = Offset(data, segment);
            var end = segment + 1 < segments ? Offset(data, segment + 1) : (uint)data.Length;
            if (start < HeaderLength || start >= end || end > data.Length)
            {
                throw Invalid(frame, $"segment {segment} spans bytes {start}–{end} of a {data.Length}-byte frame");
            }

            // Segment s·B + b holds byte b (0 = most significant) of sample s.
            var sample = segment / bytesPerSample;
            var significance = bytesPerSample - 1 - (segment % bytesPerSample);
            var first = (sample * bytesPerSample) + significance;
            if (!PackBits.Decode(data[(int)start..(int)end], destination[first..], stride, pixels))
            {
                throw Invalid(frame, $"segment {segment} decodes to fewer than {pixels} bytes");
            }
        }
    }

    private static uint Offset(ReadOnlySpan<byte> header, int segment) =>
        segment < MaxSegments ? BinaryPrimitives.ReadUInt32LittleEndian(header[(4 + (4 * segment))..]) : uint.MaxValue;

    private static DicomFormatException Invalid(int frame, string message) =>
        new($"RLE frame {frame}: {message}", DicomTags.PixelData, -1);
}
