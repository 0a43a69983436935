using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// A level's diagonal, which strength, Jacobi and prolongator smoothing all divide by. A symmetric positive definite
/// matrix has a positive diagonal, so a missing, zero, negative or non-finite one means AMG was given the wrong matrix.
/// </summary>
internal static class PositiveDiagonal
{
    public static double[] Of(CsrMatrix<double> a, int level)
    {
        var diagonal = new double[a.Rows];
        var bad = a.Rows;
        RowBlocks.ForEach(a.RowPointers, (first, end) =>
        {
            for (var row = first; row < end; row++)
            {
                var start = a.RowPointers[row];
                var at = Array.BinarySearch(a.ColumnIndices, start, a.RowPointers[row + 1] - start, row);
                var value = at >= 0 ? a.Values[at] : 0;
                diagonal[row] = value;
                if (!(value > 0 && double.IsFinite(value)))
                    InterlockedMin(ref bad, row);
            }
        });
        if (bad < a.Rows)
        {
            var where = level == 0 ? $"row {bad}" : $"row {bad} of coarse level {level}";
            throw new ArgumentException(
                $"Smoothed-aggregation AMG needs a symmetric positive definite matrix, but {where} has diagonal {diagonal[bad]}.");
        }
        return diagonal;
    }

    private static void InterlockedMin(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}
