using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// What filtered smoothing keeps of A: the strong couplings, and the near-null space B that the lumped diagonal
/// preserves (A_F·B = A·B).
/// </summary>
internal sealed record SmoothingFilter(StrengthGraph Strong, double[] NearNullSpace);

/// <summary>
/// P = (I − ω·D⁻¹A)·T: one damped Jacobi step applied to T's columns, which turns piecewise-constant coarse functions
/// into overlapping, smooth ones whose energy is low; that is what makes the V-cycle's convergence independent of the
/// grid size. ω = 4 / (3·ρ(D⁻¹A)) is the step that best damps the upper part of the spectrum.
/// </summary>
internal static class ProlongatorSmoothing
{
    /// <remarks>
    /// T holds at most one entry per row, so row i of A·T is row i of A with each column k renamed to k's aggregate and
    /// scaled by T's value there: no sparse product is needed, and row i of P has at most as many entries as row i of A.
    /// Rows are computed in parallel into A's row layout and packed afterwards. With a <paramref name="filter"/> the step
    /// uses A_F instead of A (Vaněk, Mandel and Brezina's filtered matrix): only the strong couplings, each weak one
    /// moved onto the diagonal as aᵢⱼ·Bⱼ/Bᵢ so that A_F·B = A·B and P still interpolates B exactly where A does.
    /// </remarks>
    public static CsrMatrix<double> Smooth(CsrMatrix<double> a, double[] diagonal, TentativeProlongator tentative, double omega,
        SmoothingFilter? filter = null)
    {
        var rowPointers = a.RowPointers;
        var columns = a.ColumnIndices;
        var values = a.Values;
        var aggregateOf = tentative.Aggregates.AggregateOf;
        var coarseCount = tentative.Aggregates.Count;
        var t = tentative.Values;
        var kept = new int[a.Rows];
        var scatteredColumns = GC.AllocateUninitializedArray<int>(a.NonZeros);
        var scatteredValues = GC.AllocateUninitializedArray<double>(a.NonZeros);
        RowBlocks.ForEach(rowPointers, (first, end) =>
        {
            // slotOf[c] is where coarse column c sits in the row being built; it is reset after each row.
            var slotOf = new int[coarseCount];
            Array.Fill(slotOf, -1);
            for (var row = first; row < end; row++)
            {
                var start = rowPointers[row];
                var count = 0;
                var filteredDiagonal = filter is null ? diagonal[row] : FilteredDiagonal(a, row, diagonal[row], filter);
                var scale = -omega / filteredDiagonal;
                var strong = filter is null ? default : filter.Strong.NeighboursOf(row);
                var nextStrong = 0;
                for (var k = start; k < rowPointers[row + 1]; k++)
                {
                    var column = columns[k];
                    var value = values[k];
                    if (column == row)
                    {
                        value = filteredDiagonal;
                    }
                    else if (filter is not null)
                    {
                        // Strong neighbours are a subsequence of the row's columns, in the same order.
                        if (nextStrong == strong.Length || strong[nextStrong] != column)
                            continue;
                        nextStrong++;
                    }
                    var aggregate = aggregateOf[column];
                    if (aggregate == Aggregates.Isolated)
                        continue;
                    var contribution = scale * value * t[column];
                    if (column == row)
                        contribution += t[row];
                    var slot = slotOf[aggregate];
                    if (slot < 0)
                    {
                        slot = start + count++;
                        slotOf[aggregate] = slot;
                        scatteredColumns[slot] = aggregate;
                        scatteredValues[slot] = contribution;
                    }
                    else
                    {
                        scatteredValues[slot] += contribution;
                    }
                }
                for (var k = start; k < start + count; k++)
                    slotOf[scatteredColumns[k]] = -1;
                SortRow(scatteredColumns, scatteredValues, start, count);
                kept[row] = count;
            }
        });
        var prolongatorPointers = new int[a.Rows + 1];
        for (var row = 0; row < a.Rows; row++)
            prolongatorPointers[row + 1] = prolongatorPointers[row] + kept[row];
        var prolongatorColumns = new int[prolongatorPointers[a.Rows]];
        var prolongatorValues = new double[prolongatorColumns.Length];
        RowBlocks.ForEach(rowPointers, (first, end) =>
        {
            for (var row = first; row < end; row++)
            {
                Array.Copy(scatteredColumns, rowPointers[row], prolongatorColumns, prolongatorPointers[row], kept[row]);
                Array.Copy(scatteredValues, rowPointers[row], prolongatorValues, prolongatorPointers[row], kept[row]);
            }
        });
        return new CsrMatrix<double>(a.Rows, coarseCount, prolongatorPointers, prolongatorColumns, prolongatorValues);
    }

    /// <summary>
    /// aᵢᵢ + Σ_weak aᵢⱼ·Bⱼ/Bᵢ. Should lumping leave no positive diagonal (possible for a matrix far from an M-matrix) the
    /// row keeps aᵢᵢ, which only weakens that row's smoothing.
    /// </summary>
    private static double FilteredDiagonal(CsrMatrix<double> a, int row, double diagonal, SmoothingFilter filter)
    {
        var strong = filter.Strong.NeighboursOf(row);
        var b = filter.NearNullSpace;
        var nextStrong = 0;
        var lumped = 0.0;
        for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
        {
            var column = a.ColumnIndices[k];
            if (column == row)
                continue;
            if (nextStrong < strong.Length && strong[nextStrong] == column)
                nextStrong++;
            else
                lumped += a.Values[k] * b[column];
        }
        var filtered = diagonal + lumped / b[row];
        return filtered > 0 && double.IsFinite(filtered) ? filtered : diagonal;
    }

    /// <summary>Insertion sort: a row of P holds a handful of entries, where Array.Sort's setup costs more than the sort.</summary>
    private static void SortRow(int[] columns, double[] values, int start, int count)
    {
        for (var i = start + 1; i < start + count; i++)
        {
            var column = columns[i];
            var value = values[i];
            var j = i - 1;
            for (; j >= start && columns[j] > column; j--)
            {
                columns[j + 1] = columns[j];
                values[j + 1] = values[j];
            }
            columns[j + 1] = column;
            values[j + 1] = value;
        }
    }
}
