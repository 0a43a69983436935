using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// y = A·x on each backend for a 2D Poisson, a 3D Poisson and a random pattern of about n² rows, against the STREAM
/// triad measured in the same run and MathNet's <c>SparseMatrix.Multiply</c> on the same matrix.
/// </summary>
internal static class SpmvBench
{
    public static int Run(TextWriter output, int n, int runs, int triadMib, ILinearAlgebraBackendFactory backends)
    {
        var measured = new List<ILinearAlgebraBackend> { backends.Create(BackendPreference.Cpu) };
        try
        {
            measured.Add(backends.Create(BackendPreference.Gpu));
        }
        catch (InvalidOperationException e)
        {
            output.WriteLine($"gpu: not measured ({e.Message})");
        }

        try
        {
            foreach (var backend in measured)
            {
                output.WriteLine($"{backend.Name}: {backend.Device}");
            }

            var triad = StreamTriad.Measure(triadMib, 10);
            output.WriteLine(triad);
            var side3D = (int)Math.Round(Math.Cbrt((double)n * n));
            var matrices = new (string Name, Func<CsrMatrix<double>> Build)[]
            {
                ($"poisson2d {n}×{n}", () => ModelProblems.Poisson2D(n)),
                ($"poisson3d {side3D}³", () => ModelProblems.Poisson3D(side3D)),
                ("random, 5 off-diagonal entries per row", () => ModelProblems.RandomSparse(n * n, 5, seed: 1)),
            };
            foreach (var (name, build) in matrices)
            {
                var a = build();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {a.Rows:N0} rows, {a.NonZeros:N0} entries"));
                var ours = measured.Select(backend => Measure(output, a, runs, backend, triad)).ToList();
                var mathNet = MathNetTiming(a, Math.Max(3, runs / 5));
                output.WriteLine(Line(mathNet, a, triad) + string.Create(CultureInfo.InvariantCulture,
                    $"   ours {mathNet.MedianMicroseconds / ours.Min(t => t.MedianMicroseconds):F1}× faster"));
            }
        }
        finally
        {
            measured.ForEach(backend => backend.Dispose());
        }

        return 0;
    }

    private static BenchTiming Measure(TextWriter output, CsrMatrix<double> a, int runs, ILinearAlgebraBackend backend, StreamTriad triad)
    {
        using var matrix = backend.Upload(a);
        using var x = backend.Allocate(a.Columns);
        using var y = backend.Allocate(a.Rows);
        var ones = new double[a.Columns];
        Array.Fill(ones, 1.0);
        backend.CopyToDevice(ones, x);
        var timing = BenchTiming.Measure($"  {backend.Name} SpMV", runs, () =>
        {
            backend.Multiply(matrix, x, y);
            backend.Synchronize();
        });
        // Against host memory's triad only where the matrix lives in host memory.
        output.WriteLine(Line(timing, a, backend.Name == "cpu" ? triad : null));
        return timing;
    }

    private static BenchTiming MathNetTiming(CsrMatrix<double> a, int runs)
    {
        var matrix = Matrix<double>.Build.SparseFromCompressedSparseRowFormat(a.Rows, a.Columns, a.NonZeros,
            (int[])a.RowPointers.Clone(), (int[])a.ColumnIndices.Clone(), (double[])a.Values.Clone());
        var x = Vector<double>.Build.Dense(a.Columns, 1.0);
        var y = Vector<double>.Build.Dense(a.Rows);
        return BenchTiming.Measure("  MathNet SparseMatrix.Multiply (1 thread)", runs, () => matrix.Multiply(x, y));
    }

    /// <summary>
    /// Two flops per entry; bytes are the least SpMV must move: values (8) and column indices (4) per entry, row
    /// pointers (4 per row), x read once (8 per column) and y written once (8 per row). The share of the triad is
    /// given for the median and, as the triad is a best-of, for the 10th-percentile run too.
    /// </summary>
    private static string Line(BenchTiming timing, CsrMatrix<double> a, StreamTriad? triad)
    {
        var seconds = timing.MedianMicroseconds / 1e6;
        var bytes = 12.0 * a.NonZeros + 4.0 * (a.Rows + 1) + 8.0 * a.Columns + 8.0 * a.Rows;
        var bandwidth = bytes / seconds;
        return timing + string.Create(CultureInfo.InvariantCulture, $"   {2.0 * a.NonZeros / seconds / 1e9,6:F2} GFLOP/s {bandwidth / 1e9,7:F2} GB/s")
            + (triad is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $" = {100 * bandwidth / triad.BytesPerSecond:F0}% of triad (p10 run {100 * bytes / (timing.P10Microseconds / 1e6) / triad.BytesPerSecond:F0}%)"));
    }
}
