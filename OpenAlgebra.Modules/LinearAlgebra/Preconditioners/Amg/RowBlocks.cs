namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// Contiguous row ranges carrying about equal work (stored entries plus one per row), so the threads of a per-row loop
/// finish together however unevenly the rows are filled.
/// </summary>
internal static class RowBlocks
{
    /// <summary>Block b covers rows <c>bounds[b]..bounds[b + 1]</c>; there are at most <paramref name="blocks"/> of them.</summary>
    public static int[] Balanced(int[] rowPointers, int blocks)
    {
        var rows = rowPointers.Length - 1;
        blocks = Math.Clamp(blocks, 1, Math.Max(rows, 1));
        var bounds = new int[blocks + 1];
        var work = (long)rowPointers[rows] + rows;
        for (var b = 1; b < blocks; b++)
        {
            var target = work * b / blocks;
            int low = bounds[b - 1], high = rows;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if ((long)rowPointers[middle] + middle < target)
                    low = middle + 1;
                else
                    high = middle;
            }
            bounds[b] = low;
        }
        bounds[blocks] = rows;
        return bounds;
    }

    /// <summary>Runs <paramref name="body"/>(first, end) over balanced blocks, several per core so a slow core is not waited on.</summary>
    public static void ForEach(int[] rowPointers, Action<int, int> body)
    {
        var bounds = Balanced(rowPointers, 4 * Environment.ProcessorCount);
        Parallel.For(0, bounds.Length - 1, b => body(bounds[b], bounds[b + 1]));
    }
}
