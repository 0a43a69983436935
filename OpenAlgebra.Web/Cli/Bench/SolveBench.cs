using System.Globalization;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// PCG to ‖r‖₂/‖b‖₂ ≤ 1e-8 on the n×n 2D Poisson with b = A·1, preconditioned by Jacobi and by AMG, against SciPy's
/// <c>cg</c> with Jacobi at the same tolerance in the same session. Our times are whole solves (upload and
/// preconditioner setup included); SciPy's are its <c>cg</c> call alone.
/// </summary>
internal static class SolveBench
{
    private const double Tolerance = 1e-8;

    public static int Run(TextWriter output, int n, int runs, BackendPreference backend, ILinearSolver solver)
    {
        // The JIT compiles every path on a small system first, so the first timed run is not the slowest.
        var small = ModelProblems.Poisson2D(16);
        foreach (var preconditioner in new[] { PreconditionerKind.Jacobi, PreconditionerKind.Amg })
        {
            solver.Solve(small, ManufacturedRightHandSide.For(small), Options(preconditioner, backend));
        }

        var a = ModelProblems.Poisson2D(n);
        var b = ManufacturedRightHandSide.For(a);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"poisson2d {n}×{n}: {a.Rows:N0} unknowns, {a.NonZeros:N0} entries, b = A·1, PCG to ‖r‖₂/‖b‖₂ ≤ {Tolerance:0e0}, median of {runs}"));
        var jacobi = Measure(output, solver, a, b, PreconditionerKind.Jacobi, backend, runs);
        var amg = Measure(output, solver, a, b, PreconditionerKind.Amg, backend, runs);
        if (!ScipyCg.Available)
        {
            output.WriteLine($"{ScipyCg.Python} not found (apt-get install python3-scipy): no comparison");
            return 0;
        }

        var scipy = ScipyCg.Run(n, Tolerance, runs);
        var scipySeconds = Median(scipy.Seconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"SciPy " + scipy.Version + " cg + Jacobi (cg call only)",-44} median {scipySeconds,9:F3} s   {scipy.Iterations,6} iterations   ‖r‖/‖b‖ {scipy.RelativeResidual:0.00e0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  speed-up over SciPy: PCG + Jacobi {scipySeconds / jacobi:F1}×, PCG + AMG {scipySeconds / amg:F1}×"));
        return 0;
    }

    /// <returns>The median seconds.</returns>
    private static double Measure(TextWriter output, ILinearSolver solver, CsrMatrix<double> a, double[] b, PreconditionerKind preconditioner,
        BackendPreference backend, int runs)
    {
        var results = Enumerable.Range(0, runs).Select(_ => solver.Solve(a, b, Options(preconditioner, backend))).ToList();
        var last = results[^1];
        var median = Median([.. results.Select(r => r.Elapsed.TotalSeconds)]);
        var name = $"PCG + {SolveOptionNames.Of(preconditioner)} ({last.Backend})";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-44} median {median,9:F3} s   {last.Iterations,6} iterations   ‖r‖/‖b‖ {last.RelativeResidual:0.00e0}{(last.Converged ? "" : $"   NOT CONVERGED: {last.Reason}")}"));
        return median;
    }

    private static SolveOptions Options(PreconditionerKind preconditioner, BackendPreference backend) => new()
    {
        Solver = SolverKind.Cg,
        Preconditioner = preconditioner,
        Tolerance = Tolerance,
        MaxIterations = 100_000,
        Backend = backend,
    };

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
