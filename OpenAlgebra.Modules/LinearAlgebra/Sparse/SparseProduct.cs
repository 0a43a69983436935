using System.Numerics;

namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

public static class SparseProduct
{
    /// <summary>
    /// C = A·B by Gustavson's row-by-row method in two passes over row ranges of equal work: a symbolic pass counts each
    /// row of C so the arrays are allocated once at their exact size, then a numeric pass accumulates each row densely
    /// and writes it with columns sorted. C's pattern is the symbolic product: entries that cancel stay as stored zeros,
    /// which keeps the pattern independent of the values (what AMG's Galerkin product RAP relies on when it is rebuilt).
    /// </summary>
    /// <exception cref="ArgumentException">A's columns differ from B's rows.</exception>
    /// <exception cref="InvalidOperationException">C would have more than 2³¹ − 1 entries.</exception>
    public static CsrMatrix<T> Multiply<T>(this CsrMatrix<T> a, CsrMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Columns != b.Rows)
            throw new ArgumentException($"A is {a.Rows}×{a.Columns} and B is {b.Rows}×{b.Columns}: A's columns must equal B's rows.", nameof(b));

        // Row r of C costs the sum of B's row lengths over A's entries in row r (plus one for the row itself).
        var workBefore = new long[a.Rows + 1];
        for (var row = 0; row < a.Rows; row++)
        {
            long work = 1;
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                var inner = a.ColumnIndices[k];
                work += b.RowPointers[inner + 1] - b.RowPointers[inner];
            }
            workBefore[row + 1] = workBefore[row] + work;
        }
        var parts = RowPartition.PartsFor(workBefore[a.Rows]);
        var ranges = RowPartition.Balanced(a.Rows, parts, r => workBefore[r]);

        var rowPointers = new int[a.Rows + 1];
        Parallel.For(0, parts, p => CountRows(a, b, ranges[p], ranges[p + 1], rowPointers));
        long total = 0;
        for (var row = 0; row < a.Rows; row++)
        {
            total += rowPointers[row + 1];
            if (total > Array.MaxLength)
                throw new InvalidOperationException($"The product of a {a.Rows}×{a.Columns} and a {b.Rows}×{b.Columns} matrix has more than {Array.MaxLength} entries.");
            rowPointers[row + 1] = (int)total;
        }

        var columnIndices = new int[total];
        var values = new T[total];
        Parallel.For(0, parts, p => MultiplyRows(a, b, ranges[p], ranges[p + 1], rowPointers, columnIndices, values));
        return new CsrMatrix<T>(a.Rows, b.Columns, rowPointers, columnIndices, values);
    }

    /// <summary>Stores the length of C's row r in <paramref name="counts"/>[r + 1].</summary>
    private static void CountRows<T>(CsrMatrix<T> a, CsrMatrix<T> b, int first, int end, int[] counts)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (first == end)
            return;
        // lastRow[c] == r once column c has been counted for row r; a fresh array per range is set to -1 once.
        var lastRow = new int[b.Columns];
        Array.Fill(lastRow, -1);
        for (var row = first; row < end; row++)
        {
            var count = 0;
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                var inner = a.ColumnIndices[k];
                for (var m = b.RowPointers[inner]; m < b.RowPointers[inner + 1]; m++)
                {
                    var column = b.ColumnIndices[m];
                    if (lastRow[column] != row)
                    {
                        lastRow[column] = row;
                        count++;
                    }
                }
            }
            counts[row + 1] = count;
        }
    }

    private static void MultiplyRows<T>(CsrMatrix<T> a, CsrMatrix<T> b, int first, int end, int[] rowPointers, int[] columnIndices, T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (first == end)
            return;
        var lastRow = new int[b.Columns];
        Array.Fill(lastRow, -1);
        var sums = new T[b.Columns];
        for (var row = first; row < end; row++)
        {
            var start = rowPointers[row];
            var next = start;
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                var inner = a.ColumnIndices[k];
                var factor = a.Values[k];
                for (var m = b.RowPointers[inner]; m < b.RowPointers[inner + 1]; m++)
                {
                    var column = b.ColumnIndices[m];
                    if (lastRow[column] != row)
                    {
                        lastRow[column] = row;
                        sums[column] = factor * b.Values[m];
                        columnIndices[next++] = column;
                    }
                    else
                    {
                        sums[column] += factor * b.Values[m];
                    }
                }
            }
            var rowColumns = columnIndices.AsSpan(start, next - start);
            rowColumns.Sort();
            for (var k = start; k < next; k++)
                values[k] = sums[columnIndices[k]];
        }
    }
}
