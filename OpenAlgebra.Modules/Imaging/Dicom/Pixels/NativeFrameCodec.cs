using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// Uncompressed pixel data (PS3.5 8.1): frames back to back, 1-bit frames packed bit after bit (least significant bit
/// first) with no padding between frames, colour by pixel or by plane, YBR_FULL_422 as Y Y Cb Cr per pixel pair.
/// </summary>
internal sealed class NativeFrameCodec : IFrameCodec
{
    private readonly DicomBuffer _value;
    private readonly PixelAttributes _attributes;
    private readonly long _storedFrameLength;

    /// <exception cref="DicomFormatException">The value is shorter than the frames the header declares.</exception>
    /// <remarks>Samples are little-endian here whatever the transfer syntax: the reader swaps big-endian pixel data per sample.</remarks>
    public NativeFrameCodec(DicomValueElement element, PixelAttributes attributes)
    {
        _value = element.Value;
        _attributes = attributes;
        _storedFrameLength = attributes.IsYbr422
            ? (long)attributes.PixelsPerFrame * 2 * attributes.BytesPerSample
            : (long)attributes.PixelsPerFrame * attributes.Samples * attributes.BytesPerSample;
        if (attributes.IsYbr422 && (attributes.Columns & 1) == 1)
        {
            throw PixelAttributes.Invalid($"YBR_FULL_422 pixel data needs an even number of columns, not {attributes.Columns}", DicomTags.Columns);
        }

        var needed = attributes.BitsAllocated == 1
            ? (((long)attributes.PixelsPerFrame * attributes.Frames) + 7) / 8
            : _storedFrameLength * attributes.Frames;
        if (_value.Length < needed)
        {
            throw new DicomFormatException(
                $"{DicomRegistry.Describe(attributes.DataTag)} holds {_value.Length} bytes; {attributes.Frames} frame(s) of {attributes.Rows}×{attributes.Columns}×{attributes.Samples} at {attributes.BitsAllocated} bits need {needed}",
                attributes.DataTag, -1);
        }
    }

    public void Decode(int frame, Span<byte> destination)
    {
        if (_attributes.BitsAllocated == 1)
        {
            UnpackBits(frame, destination);
            return;
        }

        var length = (int)_storedFrameLength;
        var offset = frame * _storedFrameLength;
        if (!_attributes.Planar && !_attributes.IsYbr422)
        {
            BufferReads.Read(_value, offset, destination[..length]);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var stored = rented.AsSpan(0, length);
            BufferReads.Read(_value, offset, stored);
            switch (_attributes.BytesPerSample)
            {
                case 1:
                    Arrange<byte>(stored, destination);
                    break;
                case 2:
                    Arrange<ushort>(stored, destination);
                    break;
                default:
                    Arrange<uint>(stored, destination);
                    break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Arrange<T>(ReadOnlySpan<byte> storedBytes, Span<byte> destinationBytes)
        where T : unmanaged
    {
        var stored = MemoryMarshal.Cast<byte, T>(storedBytes);
        var destination = MemoryMarshal.Cast<byte, T>(destinationBytes);
        var pixels = _attributes.PixelsPerFrame;
        if (_attributes.IsYbr422)
        {
            // Y1 Y2 Cb Cr → Y1 Cb Cr Y2 Cb Cr (C.7.6.3.1.2).
            for (int s = 0, d = 0; d + 5 < destination.Length; s += 4, d += 6)
            {
                destination[d] = stored[s];
                destination[d + 3] = stored[s + 1];
                destination[d + 1] = destination[d + 4] = stored[s + 2];
                destination[d + 2] = destination[d + 5] = stored[s + 3];
            }

            return;
        }

        // Planar: all of the first sample's plane, then the second's, then the third's.
        for (var sample = 0; sample < 3; sample++)
        {
            var plane = stored.Slice(sample * pixels, pixels);
            for (var p = 0; p < pixels; p++)
            {
                destination[(p * 3) + sample] = plane[p];
            }
        }
    }

    private void UnpackBits(int frame, Span<byte> destination)
    {
        var pixels = _attributes.PixelsPerFrame;
        var firstBit = (long)frame * pixels;
        var firstByte = firstBit / 8;
        var shift = (int)(firstBit % 8);
        var length = (int)(((firstBit + pixels + 7) / 8) - firstByte);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var packed = rented.AsSpan(0, length);
            BufferReads.Read(_value, firstByte, packed);
            for (var p = 0; p < pixels; p++)
            {
                var bit = p + shift;
                destination[p] = (byte)((packed[bit >> 3] >> (bit & 7)) & 1);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
