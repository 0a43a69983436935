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
                var strong = filter is null ? default : filter.Strong.NeighboursOf(row);
                var nextStrong = 0;
                var lumped = 0.0;

                // Row i of A·T over the kept couplings, unscaled: the scale needs the filtered diagonal, known at the end.
                for (var k = start; k < rowPointers[row + 1]; k++)
                {
                    var column = columns[k];
                    if (column == row)
                        continue;
                    if (filter is not null)
                    {
                        // Strong neighbours are a subsequence of the row's columns, in the same order.
                        if (nextStrong == strong.Length || strong[nextStrong] != column)
                        {
                            lumped += values[k] * filter.NearNullSpace[column];
                            continue;
                        }
                        nextStrong++;
                    }
                    var aggregate = aggregateOf[column];
                    if (aggregate == Aggregates.Isolated)
                        continue;
                    count = Accumulate(slotOf, scatteredColumns, scatteredValues, start, count, aggregate, values[k] * t[column]);
                }

                var scale = -omega / (filter is null ? diagonal[row] : FilteredDiagonal(diagonal[row], lumped, filter.NearNullSpace[row]));
                for (var k = start; k < start + count; k++)
                    scatteredValues[k] *= scale;
                // The diagonal's own term, t − ω·(d/d)·t = (1 − ω)·t whichever diagonal scales the row.
                if (aggregateOf[row] != Aggregates.Isolated)
                    count = Accumulate(slotOf, scatteredColumns, scatteredValues, start, count, aggregateOf[row], (1 - omega) * t[row]);
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
        return CsrMatrix<double>.FromKernel(a.Rows, coarseCount, prolongatorPointers, prolongatorColumns, prolongatorValues);
    }

    /// <summary>Adds <paramref name="contribution"/> to coarse column <paramref name="aggregate"/> of the row being built; returns the row's length.</summary>
    private static int Accumulate(int[] slotOf, int[] columns, double[] values, int start, int count, int aggregate, double contribution)
    {
        var slot = slotOf[aggregate];
        if (slot < 0)
        {
            slot = start + count++;
            slotOf[aggregate] = slot;
            columns[slot] = aggregate;
            values[slot] = contribution;
        }
        else
        {
            values[slot] += contribution;
        }
        return count;
    }

    /// <summary>
    /// aᵢᵢ + Σ_weak aᵢⱼ·Bⱼ/Bᵢ. Should lumping leave no positive diagonal (possible for a matrix far from an M-matrix) the
    /// row keeps aᵢᵢ, which only weakens that row's smoothing.
    /// </summary>
    private static double FilteredDiagonal(double diagonal, double lumped, double nearNullSpace)
    {
        var filtered = diagonal + lumped / nearNullSpace;
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
