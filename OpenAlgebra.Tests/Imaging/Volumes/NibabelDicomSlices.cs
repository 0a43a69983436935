using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Volumes;

/// <summary>
/// nibabel's reading of single-frame DICOM files (Debian package python3-nibabel), as the referee of a series built
/// from them: per file, the affine of its plain DICOM wrapper (LPS, mapping row, column, 0) and its scaled pixels.
/// The plain wrapper, because nibabel takes Siemens files with a CSA header for mosaics, which 0.dcm and 1.dcm are not.
/// </summary>
internal static class NibabelDicomSlices
{
    private const string Script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        import numpy as np, pydicom
        from nibabel.nicom import dicomwrappers
        out_dir, paths = sys.argv[1], sys.argv[2:]
        results = []
        for n, path in enumerate(paths):
            wrapper = dicomwrappers.Wrapper(pydicom.dcmread(path))
            data = np.asarray(wrapper.get_data(), dtype="<f4")
            pixels = f"{out_dir}/{n}.f32"
            data.ravel(order="C").tofile(pixels)
            results.append({"affine": wrapper.affine.tolist(), "rows": int(data.shape[0]), "columns": int(data.shape[1]), "pixels": pixels})
        json.dump(results, sys.stdout)
        """;

    /// <summary>One slice: nibabel's 4×4 affine, and its pixels row by row (index row · columns + column).</summary>
    public sealed record Slice(double[][] Affine, int Rows, int Columns, float[] Pixels);

    public static IReadOnlyList<Slice> Read(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var python = Services.Program(Services.DebianPython, "python3-nibabel");
        var outDir = Directory.CreateTempSubdirectory("openalgebra-nibabel-dicom-").FullName;
        try
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-c", Script, outDir }.Concat(paths))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var json = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"nibabel failed: {error.Result}");
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(e => new Slice(
                [.. e.GetProperty("affine").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())],
                e.GetProperty("rows").GetInt32(),
                e.GetProperty("columns").GetInt32(),
                Floats(File.ReadAllBytes(e.GetProperty("pixels").GetString()!))))];
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static float[] Floats(byte[] bytes)
    {
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * sizeof(float));
        return values;
    }
}
