using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>pydicom's <c>pixel_array</c> for a set of files, as raw little-endian bytes in our layout, to hold the decoder against.</summary>
internal static class PydicomPixels
{
    // Writes each array C-ordered (frames, rows, columns, samples) and little-endian; YBR is converted to RGB with
    // pydicom's own convert_color_space so that it is comparable with what the decoder hands out.
    private const string Script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        import pydicom
        from pydicom.pixel_data_handlers.util import convert_color_space
        result = {}
        args = sys.argv[1:]
        for source, target in zip(args[::2], args[1::2]):
            try:
                ds = pydicom.dcmread(source, force=True)
                if "TransferSyntaxUID" not in ds.file_meta:
                    # A file without one is read as its bytes look; tell the pixel handlers what that was.
                    ds.file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian if ds.is_implicit_VR else (
                        pydicom.uid.ExplicitVRLittleEndian if ds.is_little_endian else pydicom.uid.ExplicitVRBigEndian)
                arr = ds.pixel_array
                pi = ds.get("PhotometricInterpretation", "")
                if pi in ("YBR_FULL", "YBR_FULL_422"):
                    arr = convert_color_space(arr, "YBR_FULL", "RGB")
                arr = arr.astype(arr.dtype.newbyteorder("<"))
                with open(target, "wb") as f:
                    f.write(arr.tobytes())
                result[source] = {"dtype": arr.dtype.name, "shape": list(arr.shape)}
            except Exception as e:
                result[source] = {"error": "%s: %s" % (type(e).__name__, e)}
        json.dump(result, sys.stdout)
        """;

    public sealed record Reference(string? DType, int[]? Shape, string? Error, string RawPath);

    /// <summary>Runs pydicom once over all <paramref name="files"/>, writing raw arrays under <paramref name="folder"/>.</summary>
    public static Dictionary<string, Reference> Read(IReadOnlyList<string> files, string folder, CancellationToken cancellationToken)
    {
        var python = Services.Program(Services.DebianPython, "python3-pydicom");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        var raw = new Dictionary<string, string>();
        for (var i = 0; i < files.Count; i++)
        {
            raw[files[i]] = Path.Combine(folder, $"{i}.raw");
            start.ArgumentList.Add(files[i]);
            start.ArgumentList.Add(raw[files[i]]);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pydicom failed: {error.Result}");
        var parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        return parsed.ToDictionary(
            p => p.Key,
            p => new Reference(
                p.Value.TryGetProperty("dtype", out var dtype) ? dtype.GetString() : null,
                p.Value.TryGetProperty("shape", out var shape) ? shape.EnumerateArray().Select(s => s.GetInt32()).ToArray() : null,
                p.Value.TryGetProperty("error", out var e) ? e.GetString() : null,
                raw[p.Key]));
    }
}
