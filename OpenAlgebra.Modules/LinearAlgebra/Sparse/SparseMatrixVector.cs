using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

/// <summary>
/// Host sparse matrix–vector products over row ranges of equal work, one per core. The result is always overwritten,
/// rows without entries included (MathNet 5.0.0 leaves those stale).
/// </summary>
public static class SparseMatrixVector
{
    /// <summary>y = A·x.</summary>
    /// <exception cref="ArgumentException">x is not A's column count long or y not its row count.</exception>
    public static void Multiply<T>(this CsrMatrix<T> a, ReadOnlyMemory<T> x, Memory<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        RequireLengths(a.Columns, a.Rows, x.Length, y.Length, "A·x");
        var parts = RowPartition.PartsFor(a.NonZeros + (long)a.Rows);
        if (parts == 1)
        {
            MultiplyRows(a, x.Span, y.Span, 0, a.Rows);
            return;
        }
        var ranges = RowPartition.ByNonZeros(a.RowPointers, parts);
        Parallel.For(0, parts, p => MultiplyRows(a, x.Span, y.Span, ranges[p], ranges[p + 1]));
    }

    /// <summary>
    /// y = Aᵀ·x without forming Aᵀ: each core scatters its rows into its own copy of y (the first into y itself), and the
    /// copies are then added into y column range by column range.
    /// </summary>
    /// <exception cref="ArgumentException">x is not A's row count long or y not its column count.</exception>
    public static void MultiplyTransposed<T>(this CsrMatrix<T> a, ReadOnlyMemory<T> x, Memory<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        RequireLengths(a.Rows, a.Columns, x.Length, y.Length, "Aᵀ·x");
        var parts = RowPartition.PartsFor(a.NonZeros + (long)a.Rows + a.Columns);
        if (parts == 1)
        {
            y.Span.Clear();
            ScatterRows(a, x.Span, y.Span, 0, a.Rows);
            return;
        }

        var ranges = RowPartition.ByNonZeros(a.RowPointers, parts);
        var copies = new T[parts - 1][];
        for (var p = 0; p < copies.Length; p++)
            copies[p] = ArrayPool<T>.Shared.Rent(a.Columns);
        try
        {
            Parallel.For(0, parts, p =>
            {
                var target = p == 0 ? y.Span : copies[p - 1].AsSpan(0, a.Columns);
                target.Clear();
                ScatterRows(a, x.Span, target, ranges[p], ranges[p + 1]);
            });
            var columnRanges = parts * 4;
            Parallel.For(0, columnRanges, c =>
            {
                var first = (int)((long)a.Columns * c / columnRanges);
                var end = (int)((long)a.Columns * (c + 1) / columnRanges);
                var sum = y.Span[first..end];
                foreach (var copy in copies)
                    TensorPrimitives.Add(sum, copy.AsSpan(first, end - first), sum);
            });
        }
        finally
        {
            foreach (var copy in copies)
                ArrayPool<T>.Shared.Return(copy);
        }
    }

    private static void MultiplyRows<T>(CsrMatrix<T> a, ReadOnlySpan<T> x, Span<T> y, int first, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rowPointers = a.RowPointers;
        var columnIndices = a.ColumnIndices;
        var values = a.Values;
        for (var row = first; row < end; row++)
        {
            var start = rowPointers[row];
            var length = rowPointers[row + 1] - start;
            var rowValues = values.AsSpan(start, length);
            var rowColumns = columnIndices.AsSpan(start, length);
            var sum = T.Zero;
            for (var k = 0; k < rowValues.Length; k++)
                sum += rowValues[k] * x[rowColumns[k]];
            y[row] = sum;
        }
    }

    private static void ScatterRows<T>(CsrMatrix<T> a, ReadOnlySpan<T> x, Span<T> y, int first, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rowPointers = a.RowPointers;
        var columnIndices = a.ColumnIndices;
        var values = a.Values;
        for (var row = first; row < end; row++)
        {
            var factor = x[row];
            var start = rowPointers[row];
            var length = rowPointers[row + 1] - start;
            var rowValues = values.AsSpan(start, length);
            var rowColumns = columnIndices.AsSpan(start, length);
            for (var k = 0; k < rowValues.Length; k++)
                y[rowColumns[k]] += rowValues[k] * factor;
        }
    }

    private static void RequireLengths(int xWanted, int yWanted, int x, int y, string product)
    {
        if (x != xWanted)
            throw new ArgumentException($"{product} needs x of length {xWanted}, not {x}.", nameof(x));
        if (y != yWanted)
            throw new ArgumentException($"{product} needs y of length {yWanted}, not {y}.", nameof(y));
    }
}
