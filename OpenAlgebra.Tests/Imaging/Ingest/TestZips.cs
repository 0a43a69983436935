using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>Zip archives for the tests, written by System.IO.Compression and patched where a hostile one differs.</summary>
internal static class TestZips
{
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;

    public static byte[] Create(params (string Name, byte[] Content)[] entries) => Create(CompressionLevel.Optimal, entries);

    public static byte[] Create(CompressionLevel level, params IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, level);
                if (name.EndsWith('/'))
                {
                    continue;
                }

                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>A file entry with a Unix mode, e.g. a symbolic link (0xA1FF) whose content is its target.</summary>
    public static byte[] WithUnixMode(string name, int mode, byte[] content, params (string Name, byte[] Content)[] others)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry(name);
            entry.ExternalAttributes = mode << 16;
            using (var stream = entry.Open())
            {
                stream.Write(content);
            }

            foreach (var (other, bytes) in others)
            {
                using var stream = zip.CreateEntry(other).Open();
                stream.Write(bytes);
            }
        }

        return output.ToArray();
    }

    /// <summary>One entry of <paramref name="zeros"/> zero bytes (1 GiB deflates to about 1 MB in under a second),
    /// written through a 1 MiB buffer, after the <paramref name="before"/> entries.</summary>
    public static byte[] Bomb(long zeros, string name = "bomb.dcm", params (string Name, byte[] Content)[] before)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (other, bytes) in before)
            {
                using var stream = zip.CreateEntry(other).Open();
                stream.Write(bytes);
            }

            using var bomb = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            var chunk = new byte[1 << 20];
            for (var left = zeros; left > 0; left -= chunk.Length)
            {
                bomb.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }
        }

        return output.ToArray();
    }

    /// <summary>Changes the central directory record of <paramref name="name"/> (offsets as in APPNOTE 4.3.12).</summary>
    public static byte[] PatchCentral(byte[] zip, string name, Action<Span<byte>> patch) => Patch(zip, name, CentralSignature, 46, 28, patch);

    /// <summary>Changes the local header of <paramref name="name"/> (offsets as in APPNOTE 4.3.7).</summary>
    public static byte[] PatchLocal(byte[] zip, string name, Action<Span<byte>> patch) => Patch(zip, name, LocalSignature, 30, 26, patch);

    private static byte[] Patch(byte[] zip, string name, uint signature, int fixedLength, int nameLengthAt, Action<Span<byte>> patch)
    {
        var copy = zip.ToArray();
        var wanted = Encoding.UTF8.GetBytes(name);
        for (var at = 0; at + fixedLength <= copy.Length; at++)
        {
            var record = copy.AsSpan(at);
            if (BinaryPrimitives.ReadUInt32LittleEndian(record) == signature
                && BinaryPrimitives.ReadUInt16LittleEndian(record[nameLengthAt..]) == wanted.Length
                && record.Slice(fixedLength, wanted.Length).SequenceEqual(wanted))
            {
                patch(record);
                return copy;
            }
        }

        throw new InvalidOperationException($"no record for {name}");
    }
}
