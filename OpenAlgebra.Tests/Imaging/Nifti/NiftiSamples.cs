using System.Buffers.Binary;
using System.IO.Compression;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>nibabel's sample files that are NIfTI by their bytes (sizeof_hdr and magic), not by their names.</summary>
internal static class NiftiSamples
{
    public enum Kind
    {
        NotNifti,
        SingleFile,
        PairHeader,
    }

    /// <summary>The .nii, .nii.gz and .hdr files of a directory, each with what its bytes say it is.</summary>
    public static IReadOnlyList<(string Path, Kind Kind)> In(string directory) =>
    [
        .. Directory.GetFiles(directory)
            .Where(p => p.EndsWith(".nii", StringComparison.Ordinal) || p.EndsWith(".nii.gz", StringComparison.Ordinal) || p.EndsWith(".hdr", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, Classify(p))),
    ];

    /// <summary>The file's bytes, decompressed when it is gzip.</summary>
    public static byte[] Bytes(string path) => Decompress(File.ReadAllBytes(path));

    /// <summary>The bytes, decompressed when they start with the gzip magic.</summary>
    public static byte[] Decompress(byte[] bytes)
    {
        if (bytes is not [0x1F, 0x8B, ..])
        {
            return bytes;
        }

        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    private static Kind Classify(string path)
    {
        var bytes = Bytes(path);
        if (bytes.Length < 348)
        {
            return Kind.NotNifti;
        }

        var size = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var magic = size is 348 or 0x5C010000 ? bytes.AsSpan(344, 4)
            : size is 540 or 0x1C020000 && bytes.Length >= 540 ? bytes.AsSpan(4, 4)
            : [];
        return magic switch
        {
            [(byte)'n', (byte)'+', (byte)'1' or (byte)'2', 0] => Kind.SingleFile,
            [(byte)'n', (byte)'i', (byte)'1' or (byte)'2', 0] => Kind.PairHeader,
            _ => Kind.NotNifti,
        };
    }
}
