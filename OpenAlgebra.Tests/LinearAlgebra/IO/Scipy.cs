using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.LinearAlgebra.IO;

/// <summary>
/// SciPy's scipy.io.mmread/mmwrite as the independent reference: it reads the files given and reports each as a dense
/// array, and writes its own files of every layout into a folder with the dense array each holds.
/// </summary>
internal static class Scipy
{
    private const string Script = """
        import gzip, io, json, sys
        import numpy as np, scipy.io, scipy.sparse as sp
        out_dir, paths = sys.argv[1], sys.argv[2:]
        read = []
        for path in paths:
            m = scipy.io.mmread(path)
            read.append({"path": path, "dense": (m.toarray() if sp.issparse(m) else np.asarray(m)).tolist()})
        a = sp.random(30, 20, density=0.2, random_state=7, format="csr")
        s = sp.random(25, 25, density=0.15, random_state=8, format="csr")
        integers = np.arange(-6, 6).reshape(4, 3)
        written = []
        def write(name, matrix, dense, **options):
            text = io.BytesIO()
            scipy.io.mmwrite(text, matrix, **options)
            path = f"{out_dir}/{name}"
            with (gzip.open(path, "wb") if name.endswith(".gz") else open(path, "wb")) as f:
                f.write(text.getvalue())
            written.append({"path": path, "dense": np.asarray(dense, dtype=float).tolist()})
        write("general.mtx", a, a.toarray())
        write("symmetric.mtx.gz", s + s.T, (s + s.T).toarray(), symmetry="symmetric")
        write("skew.mtx", s - s.T, (s - s.T).toarray(), symmetry="skew-symmetric")
        write("pattern.mtx", a, (a.toarray() != 0), field="pattern")
        write("array.mtx", a.toarray()[:6, :5], a.toarray()[:6, :5])
        write("integer.mtx", integers, integers)
        json.dump({"read": read, "written": written}, sys.stdout)
        """;

    public sealed record Dense(string Path, double[][] Values);

    /// <summary>What SciPy makes of <paramref name="paths"/>, and the files it wrote into <paramref name="outDir"/>.</summary>
    public static async Task<(IReadOnlyList<Dense> Read, IReadOnlyList<Dense> Written)> RunAsync(string outDir, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        _ = Services.Scipy;
        var start = new ProcessStartInfo(Services.Program(Services.DebianPython, "python3-scipy"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", Script, outDir }.Concat(paths))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"SciPy failed: {await stderr}");
            using var json = JsonDocument.Parse(await stdout);
            return (Parse(json.RootElement.GetProperty("read")), Parse(json.RootElement.GetProperty("written")));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static Dense[] Parse(JsonElement list) =>
        [.. list.EnumerateArray().Select(e => new Dense(
            e.GetProperty("path").GetString()!,
            [.. e.GetProperty("dense").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray())]))];
}
