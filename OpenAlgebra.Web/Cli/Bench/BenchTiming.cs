using System.Diagnostics;
using System.Globalization;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>Timings of repeated runs of one operation, after a warm-up that lets the JIT and caches settle.</summary>
internal sealed record BenchTiming(string Name, int Runs, double MedianMicroseconds, double P10Microseconds, double P90Microseconds, double P95Microseconds)
{
    /// <param name="warmups">Untimed runs first; by default a tenth of the runs, at least 5 (fewer for operations of seconds).</param>
    public static BenchTiming Measure(string name, int runs, Action operation, int? warmups = null)
    {
        for (var i = 0; i < (warmups ?? Math.Max(5, runs / 10)); i++)
        {
            operation();
        }

        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            operation();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return new BenchTiming(name, runs, samples[runs / 2], samples[runs / 10], samples[(runs * 9) / 10], samples[Math.Min(runs - 1, (runs * 95) / 100)]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-44} median {Format(MedianMicroseconds),10}   p10 {Format(P10Microseconds),10}   p90 {Format(P90Microseconds),10}   ({Runs} runs)");

    private static string Format(double microseconds) => microseconds >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1000:F2} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{microseconds:F1} µs");
}
