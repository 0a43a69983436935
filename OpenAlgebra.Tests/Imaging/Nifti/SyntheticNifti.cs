using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>
/// Builds NIfTI-1 and NIfTI-2 files field by field from the offsets in nifti1.h and nifti2.h, independently of the
/// codec's own layout code, in either byte order.
/// </summary>
internal sealed record SyntheticNifti
{
    public int Version { get; init; } = 1;

    public bool BigEndian { get; init; }

    public bool Pair { get; init; }

    public int DataType { get; init; } = 2;

    public long[] Dim { get; init; } = [3, 2, 2, 2, 1, 1, 1, 1];

    public double[] PixDim { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1];

    public double SclSlope { get; init; }

    public double SclInter { get; init; }

    public int QformCode { get; init; }

    public int SformCode { get; init; }

    /// <summary>quatern_b, quatern_c, quatern_d, qoffset_x, qoffset_y, qoffset_z.</summary>
    public double[] Quatern { get; init; } = [0, 0, 0, 0, 0, 0];

    public double[] Srow { get; init; } = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

    public int IntentCode { get; init; }

    public string IntentName { get; init; } = "";

    public string Descrip { get; init; } = "";

    public string AuxFile { get; init; } = "";

    public string DbName { get; init; } = "";

    public (int Code, byte[] Content)[] Extensions { get; init; } = [];

    /// <summary>Where the voxels start; by default right after the extensions (single file) or 0 (pair).</summary>
    public long? VoxOffset { get; init; }

    /// <summary>The stored voxel bytes, already in the file's byte order (see <see cref="WithComponents{T}"/>).</summary>
    public byte[] Data { get; init; } = [];

    public int HeaderSize => Version == 1 ? 348 : 540;

    /// <summary>Stores components (complex and RGB voxels as consecutive components) in this file's byte order.</summary>
    public SyntheticNifti WithComponents<T>(params T[] components)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(components.AsSpan()).ToArray();
        var size = Marshal.SizeOf<T>();
        if (BigEndian == BitConverter.IsLittleEndian)
        {
            for (var at = 0; at < bytes.Length; at += size)
            {
                bytes.AsSpan(at, size).Reverse();
            }
        }

        return this with { Data = bytes };
    }

    /// <summary>A single .nii file.</summary>
    public byte[] Build()
    {
        var head = HeaderAndExtensions();
        var offset = VoxOffset ?? head.Length;
        return [.. head, .. new byte[Math.Max(0, offset - head.Length)], .. Data];
    }

    /// <summary>The .hdr and .img of a pair.</summary>
    public (byte[] Header, byte[] Image) BuildPair()
    {
        var offset = VoxOffset ?? 0;
        return (HeaderAndExtensions(), [.. new byte[offset], .. Data]);
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private byte[] HeaderAndExtensions()
    {
        var extensions = new List<byte>();
        foreach (var (code, content) in Extensions)
        {
            var esize = (content.Length + 8 + 15) / 16 * 16;
            var block = new byte[esize];
            Int32(block, 0, esize);
            Int32(block, 4, code);
            content.CopyTo(block, 8);
            extensions.AddRange(block);
        }

        var header = new byte[HeaderSize + 4];
        header[HeaderSize] = (byte)(Extensions.Length > 0 ? 1 : 0);
        var defaultOffset = Pair ? 0 : header.Length + extensions.Count;
        if (Version == 1)
        {
            Nifti1(header, VoxOffset ?? defaultOffset);
        }
        else
        {
            Nifti2(header, VoxOffset ?? defaultOffset);
        }

        return [.. header, .. extensions];
    }

    private void Nifti1(byte[] h, long voxOffset)
    {
        Int32(h, 0, 348);
        Text(h, 14, 18, DbName);
        for (var n = 0; n < 8; n++)
        {
            Int16(h, 40 + (2 * n), Dim[n]);
            Float32(h, 76 + (4 * n), PixDim[n]);
        }

        Int16(h, 68, IntentCode);
        Int16(h, 70, DataType);
        Int16(h, 72, BitsPerVoxel());
        Float32(h, 108, voxOffset);
        Float32(h, 112, SclSlope);
        Float32(h, 116, SclInter);
        Text(h, 148, 80, Descrip);
        Text(h, 228, 24, AuxFile);
        Int16(h, 252, QformCode);
        Int16(h, 254, SformCode);
        for (var n = 0; n < 6; n++)
        {
            Float32(h, 256 + (4 * n), Quatern[n]);
        }

        for (var n = 0; n < 12; n++)
        {
            Float32(h, 280 + (4 * n), Srow[n]);
        }

        Text(h, 328, 16, IntentName);
        Text(h, 344, 4, Pair ? "ni1" : "n+1");
    }

    private void Nifti2(byte[] h, long voxOffset)
    {
        Int32(h, 0, 540);
        Encoding.ASCII.GetBytes(Pair ? "ni2\0\r\n\x1A\n" : "n+2\0\r\n\x1A\n").CopyTo(h, 4);
        Int16(h, 12, DataType);
        Int16(h, 14, BitsPerVoxel());
        for (var n = 0; n < 8; n++)
        {
            Int64(h, 16 + (8 * n), Dim[n]);
            Float64(h, 104 + (8 * n), PixDim[n]);
        }

        Int64(h, 168, voxOffset);
        Float64(h, 176, SclSlope);
        Float64(h, 184, SclInter);
        Text(h, 240, 80, Descrip);
        Text(h, 320, 24, AuxFile);
        Int32(h, 344, QformCode);
        Int32(h, 348, SformCode);
        for (var n = 0; n < 6; n++)
        {
            Float64(h, 352 + (8 * n), Quatern[n]);
        }

        for (var n = 0; n < 12; n++)
        {
            Float64(h, 400 + (8 * n), Srow[n]);
        }

        Int32(h, 504, IntentCode);
        Text(h, 508, 16, IntentName);
    }

    private int BitsPerVoxel() => DataType switch
    {
        2 or 256 => 8,
        4 or 512 => 16,
        128 => 24,
        8 or 16 or 768 or 2304 => 32,
        32 or 64 or 1024 or 1280 => 64,
        1536 or 1792 => 128,
        2048 => 256,
        _ => 0,
    };

    private void Int16(byte[] h, int at, long value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteInt16BigEndian(h.AsSpan(at), (short)value);
        }
        else
        {
            BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(at), (short)value);
        }
    }

    private void Int32(byte[] h, int at, long value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(at), (int)value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(at), (int)value);
        }
    }

    private void Int64(byte[] h, int at, long value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteInt64BigEndian(h.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(at), value);
        }
    }

    private void Float32(byte[] h, int at, double value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteSingleBigEndian(h.AsSpan(at), (float)value);
        }
        else
        {
            BinaryPrimitives.WriteSingleLittleEndian(h.AsSpan(at), (float)value);
        }
    }

    private void Float64(byte[] h, int at, double value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteDoubleBigEndian(h.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteDoubleLittleEndian(h.AsSpan(at), value);
        }
    }

    private static void Text(byte[] h, int at, int length, string value) =>
        Encoding.Latin1.GetBytes(value.Length < length ? value : value[..(length - 1)]).CopyTo(h, at);
}
