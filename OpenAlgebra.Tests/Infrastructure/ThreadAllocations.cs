namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>
/// Bytes a piece of work allocates on the calling thread, the fewest over a few trials. The runtime itself allocates on
/// a thread now and then (tiered compilation swapping in optimised code, a lock inflated under another test's load);
/// an allocation the work makes on every run shows in every trial, so the fewest still catches it.
/// </summary>
internal static class ThreadAllocations
{
    public static long Fewest(Action work, int trials = 3)
    {
        var fewest = long.MaxValue;
        for (var trial = 0; trial < trials; trial++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            work();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
