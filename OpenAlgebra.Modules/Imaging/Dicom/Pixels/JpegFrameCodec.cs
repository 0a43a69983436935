using System.Buffers;
using System.Runtime.InteropServices;
using JpegLibrary;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// JPEG baseline (process 1) and extended (processes 2 and 4, 12-bit) frames decoded by JpegLibrary, lossless
/// (process 14, SV1 included) by <see cref="LosslessJpegDecoder"/>. The stream's frame header is checked against the
/// data set before decoding, so a stream that claims another size never gets a buffer for it. Components come out as
/// stored: YCbCr stays YCbCr here and is converted with the other codecs' output when the Photometric Interpretation
/// says YBR.
/// </summary>
internal sealed class JpegFrameCodec(EncapsulatedFrames frames, PixelAttributes attributes) : IFrameCodec
{
    public void Decode(int frame, Span<byte> destination)
    {
        using var bytes = frames.Read(frame);
        var decoder = new JpegDecoder();
        var samples = attributes.PixelsPerFrame * attributes.Samples;
        short[]? planes = null;
        try
        {
            decoder.SetInput(bytes.Memory);
            decoder.Identify();
            var lossless = decoder.StartOfFrame == JpegMarker.StartOfFrame3;
            Check(frame, decoder, lossless);
            planes = ArrayPool<short>.Shared.Rent(samples);
            Array.Clear(planes, 0, samples);
            if (lossless)
            {
                LosslessJpegDecoder.Decode(bytes.Span, planes.AsSpan(0, samples), attributes.Columns, attributes.Rows, attributes.Samples);
            }
            else
            {
                decoder.SetOutputWriter(new JpegPlaneWriter(planes, attributes.Columns, attributes.Rows, attributes.Samples));
                decoder.Decode();
                Smooth(decoder, planes.AsSpan(0, samples));
            }

            Interleave(planes.AsSpan(0, samples), destination, decoder.Precision);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException
            or IndexOutOfRangeException or NullReferenceException or OverflowException or NotSupportedException or DivideByZeroException)
        {
            // JpegLibrary reports a corrupt stream through whichever of these its parser hits first.
            throw new DicomFormatException($"JPEG frame {frame} cannot be decoded: {e.Message}", DicomTags.PixelData, -1, e);
        }
        finally
        {
            if (planes is not null)
            {
                ArrayPool<short>.Shared.Return(planes);
            }
        }
    }

    private void Check(int frame, JpegDecoder decoder, bool lossless)
    {
        // The processes DICOM's JPEG syntaxes allow: sequential Huffman (1, 2, 4) and lossless Huffman (14).
        // Progressive and arithmetic streams are retired in DICOM, and can compress beyond the bound Open checks.
        if (decoder.StartOfFrame is not (JpegMarker.StartOfFrame0 or JpegMarker.StartOfFrame1 or JpegMarker.StartOfFrame3))
        {
            throw new DicomFormatException($"JPEG frame {frame} is coded with {decoder.StartOfFrame}, which no supported DICOM JPEG syntax uses", DicomTags.PixelData, -1);
        }

        for (var c = 0; c < decoder.NumberOfComponents; c++)
        {
            if (decoder.GetHorizontalSampling(c) is < 1 or > 4 || decoder.GetVerticalSampling(c) is < 1 or > 4)
            {
                throw new DicomFormatException($"JPEG frame {frame}: component {c} has sampling factors outside 1–4", DicomTags.PixelData, -1);
            }
        }

        if (decoder.Width != attributes.Columns || decoder.Height != attributes.Rows || decoder.NumberOfComponents != attributes.Samples)
        {
            throw new DicomFormatException(
                $"JPEG frame {frame} is {decoder.Width}×{decoder.Height} with {decoder.NumberOfComponents} component(s); the data set says {attributes.Columns}×{attributes.Rows} with {attributes.Samples}",
                DicomTags.PixelData, -1);
        }

        // The DCT processes code 8 or 12 bits (ISO 10918-1 B.2.2); the lossless one 2 to 16.
        var valid = lossless ? decoder.Precision is >= 2 and <= 16 : decoder.Precision is 8 or 12;
        if (!valid || decoder.Precision > attributes.BitsAllocated)
        {
            throw new DicomFormatException(
                $"JPEG frame {frame} has {decoder.Precision}-bit samples, which do not fit Bits Allocated {attributes.BitsAllocated}", DicomTags.PixelData, -1);
        }
    }

    /// <summary>
    /// What libjpeg does between the inverse DCT and colour conversion: clamp each sample to the precision's range
    /// (the transform overshoots), then upsample subsampled chroma with its triangle filter.
    /// </summary>
    private void Smooth(JpegDecoder decoder, Span<short> planes)
    {
        var max = (short)((1 << decoder.Precision) - 1);
        var pixels = attributes.PixelsPerFrame;
        for (var c = 0; c < attributes.Samples; c++)
        {
            var plane = planes.Slice(c * pixels, pixels);
            for (var p = 0; p < plane.Length; p++)
            {
                plane[p] = Math.Clamp(plane[p], (short)0, max);
            }

            var horizontal = decoder.GetMaximumHorizontalSampling() / decoder.GetHorizontalSampling(c);
            var vertical = decoder.GetMaximumVerticalSampling() / decoder.GetVerticalSampling(c);
            ChromaUpsampler.Upsample(plane, attributes.Columns, attributes.Rows, horizontal, vertical);
        }
    }

    /// <summary>
    /// Planes → interleaved samples. Lossless samples are taken modulo 2^precision, as the lossless process computes
    /// them; lossy ones are already in range.
    /// </summary>
    private void Interleave(ReadOnlySpan<short> planes, Span<byte> destination, int precision)
    {
        var max = (1 << precision) - 1;
        var components = attributes.Samples;
        var pixels = attributes.PixelsPerFrame;
        switch (attributes.BytesPerSample)
        {
            case 1:
                Write(planes, destination, components, pixels, max);
                break;
            case 2:
                Write(planes, MemoryMarshal.Cast<byte, ushort>(destination), components, pixels, max);
                break;
            default:
                Write(planes, MemoryMarshal.Cast<byte, uint>(destination), components, pixels, max);
                break;
        }
    }

    private static void Write<T>(ReadOnlySpan<short> planes, Span<T> destination, int components, int pixels, int max)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        for (var c = 0; c < components; c++)
        {
            var plane = planes.Slice(c * pixels, pixels);
            for (var p = 0; p < pixels; p++)
            {
                destination[(p * components) + c] = T.CreateTruncating(plane[p] & max);
            }
        }
    }
}
