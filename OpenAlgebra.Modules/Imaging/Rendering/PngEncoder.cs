using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// A minimal PNG (ISO/IEC 15948): signature, IHDR (8-bit gray, RGB or RGBA, not interlaced), pHYs (the pixel's size, so a
/// saved slice keeps its aspect ratio), one IDAT, IEND. Every row uses the Up filter, vectorised. Measured at zlib's
/// fastest level on a real 512×512 CT slice (pydicom's J2K_pixelrep_mismatch.dcm) under the soft-tissue, lung and bone
/// windows, Up made the stream 6–12 % smaller than no filter and compressed 12–17 % faster (under the brain window,
/// 3.5 % larger and 5 % slower); Sub, Average and Paeth were no smaller than Up, and the last two need a per-pixel
/// predictor where Up is one vector subtraction per row.
/// </summary>
internal static class PngEncoder
{
    private const byte UpFilter = 2;

    /// <summary>Signature, IHDR and pHYs chunks, and the IDAT chunk's length and type.</summary>
    private const int HeadLength = 8 + (12 + 13) + (12 + 9) + 8;

    /// <summary>The IDAT chunk's CRC and the IEND chunk.</summary>
    private const int TailLength = 4 + 12;

    public static byte[] Encode(ReadOnlySpan<byte> pixels, SliceLayout layout)
    {
        using var compressed = Compress(pixels, layout);
        var data = compressed.Written;
        var png = GC.AllocateUninitializedArray<byte>(HeadLength + data.Length + TailLength);
        WriteHead(png, layout, data.Length);
        data.CopyTo(png.AsSpan(HeadLength));
        WriteTail(png.AsSpan(HeadLength + data.Length), data);
        return png;
    }

    public static void Write(ReadOnlySpan<byte> pixels, SliceLayout layout, Stream destination)
    {
        using var compressed = Compress(pixels, layout);
        var data = compressed.Written;
        Span<byte> head = stackalloc byte[HeadLength];
        Span<byte> tail = stackalloc byte[TailLength];
        WriteHead(head, layout, data.Length);
        WriteTail(tail, data);
        destination.Write(head);
        destination.Write(data);
        destination.Write(tail);
    }

    /// <summary>The zlib stream of the filtered rows: each row is its filter type byte, then the row minus the row above.</summary>
    private static PooledBufferStream Compress(ReadOnlySpan<byte> pixels, SliceLayout layout)
    {
        var stride = layout.Width * layout.Channels;
        var compressed = new PooledBufferStream(pixels.Length + layout.Height + 1024);
        var line = ArrayPool<byte>.Shared.Rent(stride + 1);
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true);
            var filtered = line.AsSpan(0, stride + 1);
            filtered[0] = UpFilter;
            for (var y = 0; y < layout.Height; y++)
            {
                var row = pixels.Slice(y * stride, stride);
                if (y == 0)
                {
                    // The row above the first is zeros: Up leaves it as it is.
                    row.CopyTo(filtered[1..]);
                }
                else
                {
                    Subtract(row, pixels.Slice((y - 1) * stride, stride), filtered[1..]);
                }

                zlib.Write(filtered);
            }
        }
        catch
        {
            compressed.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(line);
        }

        return compressed;
    }

    /// <summary>Byte-wise difference modulo 256, as the filter defines it.</summary>
    private static void Subtract(ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, Span<byte> difference)
    {
        var step = Vector<byte>.Count;
        var x = 0;
        for (; x + step <= row.Length; x += step)
        {
            (new Vector<byte>(row[x..]) - new Vector<byte>(above[x..])).CopyTo(difference[x..]);
        }

        for (; x < row.Length; x++)
        {
            difference[x] = (byte)(row[x] - above[x]);
        }
    }

    private static void WriteHead(Span<byte> head, SliceLayout layout, int dataLength)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        signature.CopyTo(head);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, layout.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], layout.Height);
        header[8] = 8;                                      // bits per sample
        header[9] = layout.Channels switch                  // color type: truecolor, truecolor with alpha, or grayscale
        {
            3 => 2,
            4 => 6,
            _ => 0,
        };
        header[10] = 0;                                     // compression: deflate
        header[11] = 0;                                     // filter method: the five adaptive filters
        header[12] = 0;                                     // not interlaced
        var at = 8 + WriteChunk(head[8..], "IHDR"u8, header);

        at += WriteChunk(head[at..], "pHYs"u8, Physical(layout, stackalloc byte[9]));

        BinaryPrimitives.WriteInt32BigEndian(head[at..], dataLength);
        "IDAT"u8.CopyTo(head[(at + 4)..]);
    }

    private static void WriteTail(Span<byte> tail, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteUInt32BigEndian(tail, Crc32.Append(Crc32.Append(0, "IDAT"u8), data));
        WriteChunk(tail[4..], "IEND"u8, []);
    }

    /// <summary>Length, type, data and the CRC of type and data; returns the bytes written.</summary>
    private static int WriteChunk(Span<byte> destination, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, data.Length);
        type.CopyTo(destination[4..]);
        data.CopyTo(destination[8..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(8 + data.Length)..], Crc32.Append(Crc32.Append(0, type), data));
        return 12 + data.Length;
    }

    /// <summary>
    /// pHYs counts whole pixels per metre along x and y. A size that cannot be written that way (0, NaN, an affine
    /// without scale) gives a square pixel of unknown size rather than a wrong aspect ratio.
    /// </summary>
    private static Span<byte> Physical(SliceLayout layout, Span<byte> physical)
    {
        var x = Math.Round(1000 / layout.PixelWidthMm);
        var y = Math.Round(1000 / layout.PixelHeightMm);
        var known = x is >= 1 and <= int.MaxValue && y is >= 1 and <= int.MaxValue;
        BinaryPrimitives.WriteUInt32BigEndian(physical, known ? (uint)x : 1);
        BinaryPrimitives.WriteUInt32BigEndian(physical[4..], known ? (uint)y : 1);
        physical[8] = (byte)(known ? 1 : 0);                // unit: metre, or unknown (aspect ratio only)
        return physical;
    }
}
