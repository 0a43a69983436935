using System.Numerics;

namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

public static class SparseTranspose
{
    /// <summary>
    /// Aᵀ in CSR form by a counting sort over columns. Each core counts and then scatters its own range of rows, starting
    /// from offsets that put its entries after those of every earlier range, so no two cores write the same slot and
    /// every transposed row comes out with its columns in increasing order.
    /// </summary>
    public static CsrMatrix<T> Transpose<T>(this CsrMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        var ranges = RowPartition.ByNonZeros(a.RowPointers, RowPartition.PartsFor(a.NonZeros + (long)a.Columns));
        var parts = ranges.Length - 1;
        var columns = a.Columns;

        // next[p * columns + c]: where range p writes its next entry of column c (first its count, then its offset).
        var next = new int[checked(parts * columns)];
        Parallel.For(0, parts, p =>
        {
            var counts = next.AsSpan(p * columns, columns);
            var indices = a.ColumnIndices;
            for (var k = a.RowPointers[ranges[p]]; k < a.RowPointers[ranges[p + 1]]; k++)
                counts[indices[k]]++;
        });

        var rowPointers = new int[columns + 1];
        var offset = 0;
        for (var c = 0; c < columns; c++)
        {
            rowPointers[c] = offset;
            for (var p = 0; p < parts; p++)
            {
                var count = next[p * columns + c];
                next[p * columns + c] = offset;
                offset += count;
            }
        }
        rowPointers[columns] = offset;

        var columnIndices = new int[a.NonZeros];
        var values = new T[a.NonZeros];
        Parallel.For(0, parts, p =>
        {
            var slots = next.AsSpan(p * columns, columns);
            var indices = a.ColumnIndices;
            var source = a.Values;
            for (var row = ranges[p]; row < ranges[p + 1]; row++)
            {
                for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
                {
                    var slot = slots[indices[k]]++;
                    columnIndices[slot] = row;
                    values[slot] = source[k];
                }
            }
        });
        return CsrMatrix<T>.FromKernel(columns, a.Rows, rowPointers, columnIndices, values);
    }
}
