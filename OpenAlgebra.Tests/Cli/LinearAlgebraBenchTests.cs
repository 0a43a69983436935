using System.Globalization;
using System.Text.RegularExpressions;
using OpenAlgebra.Tests.Infrastructure;
using OpenAlgebra.Web.Cli;

namespace OpenAlgebra.Tests.Cli;

public sealed partial class LinearAlgebraBenchTests
{
    [Fact]
    public async Task Bench_spmv_reports_rates_against_the_triad_and_MathNet_for_each_matrix()
    {
        var (exit, text, error) = await RunAsync("bench", "spmv", "--n", "40", "--runs", "5", "--triad-mib", "8");

        Assert.True(exit == 0, error);
        Assert.Matches(@"STREAM triad a = b \+ 3·c, 3 × 8 MiB, \d+ threads, best of 10: [0-9.]+ GB/s", text);
        foreach (var matrix in new[] { "poisson2d 40×40: 1,600 rows, 7,840 entries", "poisson3d 12³: 1,728 rows, 11,232 entries", "random, 5 off-diagonal entries per row: 1,600 rows, 9,600 entries" })
        {
            Assert.Contains(matrix, text, StringComparison.Ordinal);
        }

        Assert.Equal(3, CpuLine().Count(text));
        var mathNet = MathNetLine().Matches(text);
        Assert.Equal(3, mathNet.Count);
        Assert.All(mathNet, m => Assert.True(double.Parse(m.Groups["ratio"].Value, CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public async Task Bench_solve_times_PCG_with_Jacobi_and_AMG_against_SciPy()
    {
        _ = Services.Scipy;

        var (exit, text, error) = await RunAsync("bench", "solve", "--n", "24", "--runs", "1");

        Assert.True(exit == 0, error);
        Assert.Contains("poisson2d 24×24: 576 unknowns, 2,784 entries, b = A·1, PCG to ‖r‖₂/‖b‖₂ ≤ 1e-8, median of 1", text, StringComparison.Ordinal);
        Assert.Matches(@"PCG \+ jacobi \(cpu\) +median +[0-9.]+ s +\d+ iterations", text);
        Assert.Matches(@"PCG \+ amg \(cpu\) +median +[0-9.]+ s +\d+ iterations", text);
        Assert.Matches(@"SciPy [0-9.]+ cg \+ Jacobi \(cg call only\) +median +[0-9.]+ s +\d+ iterations", text);
        Assert.Matches(@"speed-up over SciPy: PCG \+ Jacobi [0-9.]+×, PCG \+ AMG [0-9.]+×", text);
        Assert.DoesNotContain("NOT CONVERGED", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_solve_names_an_unknown_backend()
    {
        var (exit, _, error) = await RunAsync("bench", "solve", "--n", "4", "--backend", "tpu");

        Assert.Equal(1, exit);
        Assert.Contains("unknown backend 'tpu'", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(args, new StringReader(""), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"  cpu SpMV +median .+ +[0-9.]+ GFLOP/s +[0-9.]+ GB/s = \d+% of triad \(p10 run \d+%\)")]
    private static partial Regex CpuLine();

    [GeneratedRegex(@"  MathNet SparseMatrix\.Multiply \(1 thread\) +median .+ GB/s = \d+% of triad \(p10 run \d+%\)   ours (?<ratio>[0-9.]+)× faster")]
    private static partial Regex MathNetLine();
}
