using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>What an independent reader makes of a PNG file.</summary>
internal sealed record DecodedPng(IReadOnlyList<string> Chunks, string Mode, int Width, int Height, IReadOnlyList<long> Physical, byte[] Pixels);

/// <summary>
/// Two independent readers in Debian's Python: a stdlib one (struct + zlib) walks the chunks, checks every CRC with
/// zlib.crc32 and inflates IDAT (which checks the zlib stream's Adler-32), and Pillow verifies and decodes the pixels.
/// </summary>
internal static class Pillow
{
    private const string Script = """
        import json, struct, sys, zlib
        from PIL import Image
        path, raw = sys.argv[1], sys.argv[2]
        data = open(path, "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "no PNG signature"
        chunks, idat, physical, at = [], b"", [], 8
        while at < len(data):
            length, kind = struct.unpack(">I4s", data[at:at + 8])
            body = data[at + 8:at + 8 + length]
            (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
            assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind}"
            chunks.append(kind.decode("ascii"))
            if kind == b"IDAT":
                idat += body
            if kind == b"pHYs":
                physical = list(struct.unpack(">IIB", body))
            at += 12 + length
        assert at == len(data), "bytes after the last chunk"
        zlib.decompress(idat)
        Image.open(path).verify()
        image = Image.open(path)
        image.load()
        open(raw, "wb").write(image.tobytes())
        json.dump({"chunks": chunks, "mode": image.mode, "width": image.size[0], "height": image.size[1], "physical": physical}, sys.stdout)
        """;

    /// <summary>Decodes <paramref name="png"/>; skips (or fails under CI) when Debian's python3-pil is missing.</summary>
    public static async Task<DecodedPng> DecodeAsync(byte[] png, CancellationToken cancellationToken)
    {
        var python = Services.Program(Services.DebianPython, "python3");
        _ = Services.Pillow;
        using var folder = new Pixels.TempFolder();
        var path = Path.Combine(folder.Path, "slice.png");
        var raw = Path.Combine(folder.Path, "slice.raw");
        await File.WriteAllBytesAsync(path, png, cancellationToken);
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Script, path, raw })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"the PNG did not pass the independent readers: {await stderr}");
        using var json = JsonDocument.Parse(await stdout);
        var root = json.RootElement;
        return new DecodedPng(
            [.. root.GetProperty("chunks").EnumerateArray().Select(c => c.GetString()!)],
            root.GetProperty("mode").GetString()!,
            root.GetProperty("width").GetInt32(),
            root.GetProperty("height").GetInt32(),
            [.. root.GetProperty("physical").EnumerateArray().Select(v => v.GetInt64())],
            await File.ReadAllBytesAsync(raw, cancellationToken));
    }
}
