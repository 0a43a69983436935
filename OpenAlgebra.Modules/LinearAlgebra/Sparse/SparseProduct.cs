using System.Numerics;

namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

public static class SparseProduct
{
    /// <summary>Chunks per core: a core slowed by other work hands its later chunks to the others.</summary>
    private const int ChunksPerCore = 8;

    /// <summary>
    /// C = A·B by Gustavson's row-by-row method in one pass: row ranges of equal work are claimed by the cores, each row is
    /// accumulated densely and appended, columns sorted, to its range's own buffer; the buffers are then copied into C
    /// (a counting pass first would cost as much as the product itself). C's pattern is the symbolic product: entries
    /// that cancel stay as stored zeros, which keeps the pattern independent of the values (what AMG's Galerkin product
    /// RAP relies on when it is rebuilt).
    /// </summary>
    /// <exception cref="ArgumentException">A's columns differ from B's rows.</exception>
    /// <exception cref="InvalidOperationException">C would have more than 2³¹ − 1 entries.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; checked between the chunks the cores claim.</exception>
    public static CsrMatrix<T> Multiply<T>(this CsrMatrix<T> a, CsrMatrix<T> b, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Columns != b.Rows)
            throw new ArgumentException($"A is {a.Rows}×{a.Columns} and B is {b.Rows}×{b.Columns}: A's columns must equal B's rows.", nameof(b));

        var workBefore = WorkBefore(a, b);
        var parts = RowPartition.PartsFor(workBefore[a.Rows]);
        var chunks = parts == 1 ? 1 : parts * ChunksPerCore;
        var ranges = RowPartition.Balanced(a.Rows, chunks, r => workBefore[r]);

        // rowPointers[r + 1] first holds row r's length, then (after the prefix sum) where row r ends.
        var rowPointers = new int[a.Rows + 1];
        var chunkColumns = new int[chunks][];
        var chunkValues = new T[chunks][];
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, () => new RowAccumulator<T>(b.Columns), (chunk, _, accumulator) =>
        {
            (chunkColumns[chunk], chunkValues[chunk]) = accumulator.MultiplyRows(a, b, ranges[chunk], ranges[chunk + 1],
                workBefore[ranges[chunk + 1]] - workBefore[ranges[chunk]], rowPointers);
            return accumulator;
        }, _ => { });

        long total = 0;
        for (var row = 0; row < a.Rows; row++)
        {
            total += rowPointers[row + 1];
            if (total > Array.MaxLength)
                throw new InvalidOperationException($"The product of a {a.Rows}×{a.Columns} and a {b.Rows}×{b.Columns} matrix has more than {Array.MaxLength} entries.");
            rowPointers[row + 1] = (int)total;
        }

        var columnIndices = GC.AllocateUninitializedArray<int>((int)total);
        var values = GC.AllocateUninitializedArray<T>((int)total);
        Parallel.For(0, chunks, chunk =>
        {
            var start = rowPointers[ranges[chunk]];
            var length = rowPointers[ranges[chunk + 1]] - start;
            Array.Copy(chunkColumns[chunk], 0, columnIndices, start, length);
            Array.Copy(chunkValues[chunk], 0, values, start, length);
        });
        return CsrMatrix<T>.FromKernel(a.Rows, b.Columns, rowPointers, columnIndices, values);
    }

    /// <summary>
    /// Row r of C costs the sum of B's row lengths over A's entries in row r, plus one for the row itself; entry r of the
    /// result is the cost of rows 0..r − 1, which also bounds the entries those rows can have.
    /// </summary>
    private static long[] WorkBefore<T>(CsrMatrix<T> a, CsrMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var workBefore = new long[a.Rows + 1];
        var parts = RowPartition.PartsFor(a.NonZeros + (long)a.Rows);
        var ranges = RowPartition.ByNonZeros(a.RowPointers, parts);
        Parallel.For(0, parts, p =>
        {
            for (var row = ranges[p]; row < ranges[p + 1]; row++)
            {
                long work = 1;
                for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
                {
                    var inner = a.ColumnIndices[k];
                    work += b.RowPointers[inner + 1] - b.RowPointers[inner];
                }
                workBefore[row + 1] = work;
            }
        });
        for (var row = 0; row < a.Rows; row++)
            workBefore[row + 1] += workBefore[row];
        return workBefore;
    }

    /// <summary>One thread's dense accumulator over B's columns, kept across the ranges that thread claims.</summary>
    private sealed class RowAccumulator<T>(int columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int[] _lastRow = Filled(columns, -1);
        private readonly T[] _sums = new T[columns];

        /// <summary>Rows first..end − 1 of C, appended to a buffer of their own; each row's length goes to <paramref name="lengths"/>[r + 1].</summary>
        public (int[] Columns, T[] Values) MultiplyRows(CsrMatrix<T> a, CsrMatrix<T> b, int first, int end, long work, int[] lengths)
        {
            // The work bounds the entries; a product usually merges several into one, so start at half and grow.
            var capacity = (int)Math.Min(Array.MaxLength, Math.Max(16, work / 2));
            var columns = GC.AllocateUninitializedArray<int>(capacity);
            var values = GC.AllocateUninitializedArray<T>(capacity);
            var lastRow = _lastRow;
            var sums = _sums;
            int[] aPointers = a.RowPointers, aColumns = a.ColumnIndices, bPointers = b.RowPointers, bColumns = b.ColumnIndices;
            T[] aValues = a.Values, bValues = b.Values;
            var next = 0;
            for (var row = first; row < end; row++)
            {
                var start = next;
                int rowStart = aPointers[row], rowEnd = aPointers[row + 1];
                long rowWork = 0;
                for (var k = rowStart; k < rowEnd; k++)
                    rowWork += bPointers[aColumns[k] + 1] - bPointers[aColumns[k]];
                if (next + rowWork > columns.Length)
                {
                    var grown = (int)Math.Min(Array.MaxLength, Math.Max((long)columns.Length * 3 / 2, next + rowWork));
                    Array.Resize(ref columns, grown);
                    Array.Resize(ref values, grown);
                }
                for (var k = rowStart; k < rowEnd; k++)
                {
                    var inner = aColumns[k];
                    var factor = aValues[k];
                    for (var m = bPointers[inner]; m < bPointers[inner + 1]; m++)
                    {
                        var column = bColumns[m];
                        if (lastRow[column] != row)
                        {
                            lastRow[column] = row;
                            sums[column] = factor * bValues[m];
                            columns[next++] = column;
                        }
                        else
                        {
                            sums[column] += factor * bValues[m];
                        }
                    }
                }
                SortColumns(columns, start, next);
                for (var k = start; k < next; k++)
                    values[k] = sums[columns[k]];
                lengths[row + 1] = next - start;
            }
            return (columns, values);
        }

        /// <summary>
        /// Insertion sort for the short rows of products of sparse operators, where Span.Sort's per-call cost dominated;
        /// a long row (a dense coupling) falls back to it.
        /// </summary>
        private static void SortColumns(int[] columns, int start, int end)
        {
            if (end - start > 32)
            {
                columns.AsSpan(start, end - start).Sort();
                return;
            }
            for (var i = start + 1; i < end; i++)
            {
                var column = columns[i];
                var j = i - 1;
                for (; j >= start && columns[j] > column; j--)
                    columns[j + 1] = columns[j];
                columns[j + 1] = column;
            }
        }

        private static int[] Filled(int length, int value)
        {
            var array = new int[length];
            Array.Fill(array, value);
            return array;
        }
    }
}
