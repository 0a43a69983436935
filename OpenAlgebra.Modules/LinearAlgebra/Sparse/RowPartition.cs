namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

/// <summary>
/// Contiguous row ranges of about equal work, so each core gets one range and finishes when the others do even when
/// row lengths vary wildly (a graph Laplacian's hub rows, a dense coupling row).
/// </summary>
internal static class RowPartition
{
    /// <summary>Below this much work one thread is faster than waking the others.</summary>
    public const long SerialWork = 32_768;

    /// <summary>
    /// Boundaries <c>b</c> (length parts + 1) with range p = rows <c>b[p]..b[p + 1]</c>, where the work of rows 0..r is
    /// the stored entries before r plus r itself, since an empty row still costs its write.
    /// </summary>
    public static int[] ByNonZeros(int[] rowPointers, int parts) =>
        Balanced(rowPointers.Length - 1, parts, r => rowPointers[r] + (long)r);

    /// <summary>Ranges of about equal work where <paramref name="workBefore"/>(r) is the (nondecreasing) work of rows 0..r.</summary>
    public static int[] Balanced(int rows, int parts, Func<int, long> workBefore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var boundaries = new int[parts + 1];
        boundaries[parts] = rows;
        var total = workBefore(rows);
        for (var p = 1; p < parts; p++)
        {
            var target = total / parts * p + total % parts * p / parts;
            int low = boundaries[p - 1], high = rows;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (workBefore(middle) < target)
                    low = middle + 1;
                else
                    high = middle;
            }
            boundaries[p] = low;
        }
        return boundaries;
    }

    /// <summary>One range per core when the work is worth spreading, otherwise a single range.</summary>
    public static int PartsFor(long work) => work < SerialWork ? 1 : Environment.ProcessorCount;
}
