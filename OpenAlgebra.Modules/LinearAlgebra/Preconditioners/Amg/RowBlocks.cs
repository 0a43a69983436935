using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>The per-row loops of the setup, run over row ranges of equal work on all cores.</summary>
internal static class RowBlocks
{
    /// <summary>Runs <paramref name="body"/>(first row, end row) over ranges covering every row once.</summary>
    public static void ForEach(int[] rowPointers, Action<int, int> body)
    {
        var rows = rowPointers.Length - 1;
        var parts = RowPartition.PartsFor(rowPointers[rows] + (long)rows);
        var ranges = RowPartition.ByNonZeros(rowPointers, parts);
        Parallel.For(0, parts, p => body(ranges[p], ranges[p + 1]));
    }
}
