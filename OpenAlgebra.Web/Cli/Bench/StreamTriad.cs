using System.Globalization;
using System.Numerics.Tensors;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// McCalpin's STREAM triad, a(i) = b(i) + s·c(i), on all cores over arrays far larger than any cache: the memory
/// bandwidth this machine actually delivers, which bounds SpMV. Bytes counted as STREAM counts them: 24 per element.
/// </summary>
internal sealed record StreamTriad(long ArrayBytes, int Threads, int Runs, double BytesPerSecond)
{
    public static StreamTriad Measure(int mibPerArray, int runs)
    {
        var length = checked((int)((long)mibPerArray * 1024 * 1024 / sizeof(double)));
        var a = GC.AllocateUninitializedArray<double>(length);
        var b = GC.AllocateUninitializedArray<double>(length);
        var c = GC.AllocateUninitializedArray<double>(length);
        var parts = Environment.ProcessorCount;
        // Pages are placed where they are first written: by the same ranges the triad sweeps.
        Parallel.For(0, parts, p =>
        {
            var (start, count) = Range(length, parts, p);
            a.AsSpan(start, count).Clear();
            b.AsSpan(start, count).Fill(1);
            c.AsSpan(start, count).Fill(2);
        });

        var best = double.MaxValue;
        for (var run = 0; run < runs + 1; run++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Parallel.For(0, parts, p =>
            {
                var (start, count) = Range(length, parts, p);
                TensorPrimitives.MultiplyAdd(c.AsSpan(start, count), 3.0, b.AsSpan(start, count), a.AsSpan(start, count));
            });
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            // The first sweep pays for thread start-up: a warm-up, as in STREAM.
            if (run > 0)
            {
                best = Math.Min(best, seconds);
            }
        }

        return a[length - 1] == 7
            ? new StreamTriad((long)length * sizeof(double), parts, runs, 24.0 * length / best)
            : throw new InvalidOperationException($"The triad computed {a[length - 1]} instead of 7.");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"STREAM triad a = b + 3·c, 3 × {ArrayBytes >> 20} MiB, {Threads} threads, best of {Runs}: {BytesPerSecond / 1e9:F2} GB/s");

    private static (int Start, int Count) Range(int length, int parts, int part)
    {
        var start = (int)((long)length * part / parts);
        return (start, (int)((long)length * (part + 1) / parts) - start);
    }
}
