using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// The frames of one data set's pixel data, decoded on request in the shape <see cref="Layout"/> describes.
/// Safe to use from several threads at once: each call decodes its own frame into its own buffer.
/// </summary>
public sealed class DicomPixelData
{
    private readonly PixelAttributes _attributes;
    private readonly IFrameCodec _codec;

    internal DicomPixelData(PixelAttributes attributes, IFrameCodec codec)
    {
        _attributes = attributes;
        _codec = codec;
        Layout = attributes.Layout;
    }

    public PixelLayout Layout { get; }

    public int FrameCount => Layout.FrameCount;

    /// <summary>Decodes frame <paramref name="frame"/> (0-based) into the first <see cref="PixelLayout.FrameLength"/> bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="DicomFormatException">The frame's data is malformed.</exception>
    public void DecodeFrame(int frame, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FrameCount);
        if (destination.Length < Layout.FrameLength)
        {
            throw new ArgumentException($"A frame needs {Layout.FrameLength} bytes, the destination has {destination.Length}.", nameof(destination));
        }

        var samples = destination[..Layout.FrameLength];
        _codec.Decode(frame, samples);
        SampleBits.Normalize(samples, _attributes);
        if (_attributes.IsYbr)
        {
            YbrToRgb.Convert(samples, _attributes);
        }
    }

    /// <summary>Decodes a frame into samples of the layout's type (<typeparamref name="T"/> must be that type's size).</summary>
    public void DecodeFrame<T>(int frame, Span<T> destination)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() != Layout.SampleType.Size())
        {
            throw new ArgumentException($"Samples are {Layout.SampleType}, not {typeof(T).Name}.", nameof(destination));
        }

        DecodeFrame(frame, MemoryMarshal.AsBytes(destination));
    }

    /// <summary>Decodes a frame into a new array of <see cref="PixelLayout.FrameLength"/> bytes.</summary>
    public byte[] DecodeFrame(int frame)
    {
        var bytes = new byte[Layout.FrameLength];
        DecodeFrame(frame, bytes);
        return bytes;
    }
}
