using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>
/// nibabel as the independent reference: Debian's Python loads each file and reports what nibabel sees (class, shape,
/// affine, sform, qform) as JSON, and writes the voxels of get_fdata() as little-endian float32 in Fortran order, which
/// is the order of Volume.Voxels.
/// </summary>
internal static class Nibabel
{
    private const string Script = """
        import json, sys, numpy as np, nibabel as nib
        out_dir, paths = sys.argv[1], sys.argv[2:]
        results = []
        for n, path in enumerate(paths):
            r = {"path": path}
            try:
                img = nib.load(path)
                r["class"] = type(img).__name__
                r["shape"] = [int(s) for s in img.shape]
                affine = getattr(img, "affine", None)
                r["affine"] = None if affine is None else affine.tolist()
                hdr = img.header
                if hasattr(hdr, "get_sform"):
                    r["sform"] = hdr.get_sform().tolist()
                    r["qform"] = hdr.get_qform().tolist()
                    r["intent"] = int(hdr["intent_code"])
                data = img.get_fdata()
                voxels = f"{out_dir}/{n}.f32"
                np.asarray(data, dtype="<f4").ravel(order="F").tofile(voxels)
                r["voxels"] = voxels
            except Exception as e:
                r["error"] = f"{type(e).__name__}: {e}"
            results.append(r)
        json.dump(results, sys.stdout)
        """;

    /// <summary>What nibabel makes of each file; skips (or fails under CI) when nibabel's Debian package is missing.</summary>
    public static async Task<IReadOnlyList<NibabelView>> LoadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        _ = Services.NibabelFiles;
        var python = Services.Program(Services.DebianPython, "python3-nibabel");
        var outDir = Directory.CreateTempSubdirectory("openalgebra-nibabel-").FullName;
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Script, outDir }.Concat(paths))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return await RunAsync(start, cancellationToken);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    public static async Task<NibabelView> LoadAsync(string path, CancellationToken cancellationToken) => (await LoadAsync([path], cancellationToken))[0];

    private static async Task<NibabelView[]> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"nibabel failed: {await stderr}");
            using var json = JsonDocument.Parse(await stdout);
            return [.. json.RootElement.EnumerateArray().Select(NibabelView.From)];
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
