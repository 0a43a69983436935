using System.Numerics;

namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

/// <summary>
/// A matrix built entry by entry in any order, as assembly loops and Matrix Market files produce it: entries at the
/// same position are summed when it becomes a <see cref="CsrMatrix{T}"/>.
/// </summary>
public sealed class CooMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[] _rows;
    private int[] _columns;
    private T[] _values;

    public CooMatrix(int rows, int columns, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Rows = rows;
        Columns = columns;
        _rows = new int[capacity];
        _columns = new int[capacity];
        _values = new T[capacity];
    }

    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Entries added so far, duplicates counted separately.</summary>
    public int Count { get; private set; }

    /// <exception cref="ArgumentOutOfRangeException">The row or column is outside the matrix; the message names both.</exception>
    public void Add(int row, int column, T value)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
            throw new ArgumentOutOfRangeException(null, $"Entry ({row}, {column}) is outside the {Rows}×{Columns} matrix (indices are 0-based).");
        if (Count == _values.Length)
            Grow();
        _rows[Count] = row;
        _columns[Count] = column;
        _values[Count] = value;
        Count++;
    }

    /// <summary>
    /// The CSR form: two stable counting sorts (by column, then by row) leave each row's columns in increasing order with
    /// duplicates adjacent in the order they were added, so summing them is one pass and the result does not depend on
    /// how a sort happened to break ties.
    /// </summary>
    public CsrMatrix<T> ToCsr(ExplicitZeros zeros = ExplicitZeros.Keep)
    {
        var count = Count;
        var byColumn = new int[Columns + 1];
        foreach (var column in _columns.AsSpan(0, count))
            byColumn[column + 1]++;
        for (var c = 0; c < Columns; c++)
            byColumn[c + 1] += byColumn[c];

        var rowPointers = new int[Rows + 1];
        var rowsByColumn = new int[count];
        var valuesByColumn = new T[count];
        var next = byColumn.AsSpan(0, Columns).ToArray();
        for (var k = 0; k < count; k++)
        {
            var slot = next[_columns[k]]++;
            rowsByColumn[slot] = _rows[k];
            valuesByColumn[slot] = _values[k];
            rowPointers[_rows[k] + 1]++;
        }
        for (var r = 0; r < Rows; r++)
            rowPointers[r + 1] += rowPointers[r];

        var columnIndices = new int[count];
        var values = new T[count];
        next = rowPointers.AsSpan(0, Rows).ToArray();
        for (var c = 0; c < Columns; c++)
        {
            for (var k = byColumn[c]; k < byColumn[c + 1]; k++)
            {
                var slot = next[rowsByColumn[k]]++;
                columnIndices[slot] = c;
                values[slot] = valuesByColumn[k];
            }
        }
        return SumDuplicates(Rows, Columns, rowPointers, columnIndices, values, zeros);
    }

    /// <summary>Sums runs of equal columns within each (sorted) row in place, drops zeros if asked, and trims the arrays.</summary>
    private static CsrMatrix<T> SumDuplicates(int rows, int columns, int[] rowPointers, int[] columnIndices, T[] values, ExplicitZeros zeros)
    {
        var kept = 0;
        var start = 0;
        for (var r = 0; r < rows; r++)
        {
            var end = rowPointers[r + 1];
            for (var k = start; k < end;)
            {
                var column = columnIndices[k];
                var sum = values[k++];
                while (k < end && columnIndices[k] == column)
                    sum += values[k++];
                if (zeros == ExplicitZeros.Keep || sum != T.Zero)
                {
                    columnIndices[kept] = column;
                    values[kept++] = sum;
                }
            }
            start = end;
            rowPointers[r + 1] = kept;
        }
        if (kept < values.Length)
        {
            columnIndices = columnIndices.AsSpan(0, kept).ToArray();
            values = values.AsSpan(0, kept).ToArray();
        }
        return new CsrMatrix<T>(rows, columns, rowPointers, columnIndices, values);
    }

    private void Grow()
    {
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(16, 2L * _values.Length));
        if (capacity == _values.Length)
            throw new InvalidOperationException($"A matrix cannot hold more than {Array.MaxLength} entries.");
        Array.Resize(ref _rows, capacity);
        Array.Resize(ref _columns, capacity);
        Array.Resize(ref _values, capacity);
    }
}
