using System.Numerics;
using System.Numerics.Tensors;

namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

/// <summary>
/// Whether a matrix equals its transpose (or its negated transpose), which decides the solver (CG and MINRES need
/// symmetry) and whether a Matrix Market file may store only one triangle.
/// </summary>
public static class SparseSymmetry
{
    /// <summary>
    /// True when A is square and |a_ij − a_ji| ≤ tolerance · max|a| for every stored entry, an entry not stored counting
    /// as zero. The bound is relative to the largest magnitude in A, so round-off in a product such as RAP passes while
    /// a one-sided entry of real size does not; tolerance 0 asks for exact symmetry.
    /// </summary>
    public static bool IsSymmetric<T>(this CsrMatrix<T> a, T tolerance) where T : unmanaged, IFloatingPointIeee754<T> =>
        Mirrors(a, T.One, tolerance);

    /// <summary>As <see cref="IsSymmetric{T}"/> for A = −Aᵀ, which also asks for a zero diagonal.</summary>
    public static bool IsSkewSymmetric<T>(this CsrMatrix<T> a, T tolerance) where T : unmanaged, IFloatingPointIeee754<T> =>
        Mirrors(a, -T.One, tolerance);

    /// <summary>True when A is square and a_ji is stored wherever a_ij is, whatever the values.</summary>
    public static bool HasSymmetricPattern<T>(this CsrMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.IsSquare && AllRows(a, (row, start, end) =>
        {
            for (var k = start; k < end; k++)
            {
                if (Find(a, a.ColumnIndices[k], row) < 0)
                    return false;
            }
            return true;
        });
    }

    private static bool Mirrors<T>(CsrMatrix<T> a, T sign, T tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!T.IsFinite(tolerance) || tolerance < T.Zero)
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a finite number, zero or more.");
        if (!a.IsSquare)
            return false;
        var bound = a.NonZeros == 0 ? T.Zero : tolerance * TensorPrimitives.MaxMagnitude<T>(a.Values);
        return AllRows(a, (row, start, end) =>
        {
            for (var k = start; k < end; k++)
            {
                var at = Find(a, a.ColumnIndices[k], row);
                var mirror = at < 0 ? T.Zero : a.Values[at];
                if (!(T.Abs(a.Values[k] - sign * mirror) <= bound))
                    return false;
            }
            return true;
        });
    }

    /// <summary>Where entry (row, column) is stored, or −1.</summary>
    private static int Find<T>(CsrMatrix<T> a, int row, int column) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var start = a.RowPointers[row];
        var at = a.ColumnIndices.AsSpan(start, a.RowPointers[row + 1] - start).BinarySearch(column);
        return at < 0 ? -1 : start + at;
    }

    /// <summary>Runs <paramref name="rowsHold"/>(row, first entry, end entry) over every row in parallel, stopping at the first false.</summary>
    private static bool AllRows<T>(CsrMatrix<T> a, Func<int, int, int, bool> rowsHold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parts = RowPartition.PartsFor(a.NonZeros + (long)a.Rows);
        var ranges = RowPartition.ByNonZeros(a.RowPointers, parts);
        var result = Parallel.For(0, parts, (p, state) =>
        {
            for (var row = ranges[p]; row < ranges[p + 1] && !state.ShouldExitCurrentIteration; row++)
            {
                if (!rowsHold(row, a.RowPointers[row], a.RowPointers[row + 1]))
                {
                    state.Stop();
                    return;
                }
            }
        });
        return result.IsCompleted;
    }
}
