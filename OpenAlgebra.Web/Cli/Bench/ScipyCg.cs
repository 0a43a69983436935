using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// SciPy's <c>scipy.sparse.linalg.cg</c> with a Jacobi preconditioner on the same 2D Poisson and b = A·1, through
/// Debian's Python (<c>python3-scipy</c>). The matrix is built in Python, outside the timing; only the solve is timed.
/// </summary>
internal sealed record ScipyCg(string Version, IReadOnlyList<double> Seconds, int Iterations, double RelativeResidual)
{
    public const string Python = "/usr/bin/python3";

    // SciPy 1.12 renamed cg's tol to rtol; atol = 0 leaves ‖r‖₂ ≤ rtol·‖b‖₂, our criterion.
    private const string Script = """
        import inspect, json, sys, time
        import numpy as np, scipy, scipy.sparse as sp, scipy.sparse.linalg as sla
        n, tol, runs = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
        t = sp.diags([-1.0, 2.0, -1.0], [-1, 0, 1], shape=(n, n))
        a = (sp.kron(sp.identity(n), t) + sp.kron(t, sp.identity(n))).tocsr()
        b = a @ np.ones(n * n)
        m = sp.diags(1.0 / a.diagonal()).tocsr()
        key = "rtol" if "rtol" in inspect.signature(sla.cg).parameters else "tol"
        seconds = []
        for _ in range(runs):
            iterations = [0]
            def count(xk):
                iterations[0] += 1
            start = time.perf_counter()
            x, info = sla.cg(a, b, M=m, atol=0.0, maxiter=100 * n * n, callback=count, **{key: tol})
            seconds.append(time.perf_counter() - start)
        residual = float(np.linalg.norm(b - a @ x) / np.linalg.norm(b))
        print(json.dumps({"version": scipy.__version__, "seconds": seconds, "iterations": iterations[0], "info": info, "relativeResidual": residual}))
        """;

    public static bool Available => File.Exists(Python);

    /// <exception cref="InvalidOperationException">Python or SciPy failed; the message carries its stderr.</exception>
    public static ScipyCg Run(int n, double tolerance, int runs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"openalgebra-bench-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, Script);
        try
        {
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { path, n.ToString(CultureInfo.InvariantCulture), tolerance.ToString("R", CultureInfo.InvariantCulture),
                runs.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"SciPy's cg failed (exit {process.ExitCode}): {error.Result.Trim()}");
            }

            var json = JsonDocument.Parse(text).RootElement;
            return json.GetProperty("info").GetInt32() == 0
                ? new ScipyCg(json.GetProperty("version").GetString()!, [.. json.GetProperty("seconds").EnumerateArray().Select(s => s.GetDouble())],
                    json.GetProperty("iterations").GetInt32(), json.GetProperty("relativeResidual").GetDouble())
                : throw new InvalidOperationException($"SciPy's cg did not converge (info {json.GetProperty("info").GetInt32()}).");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
