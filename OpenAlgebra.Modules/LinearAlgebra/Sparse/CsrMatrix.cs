using System.Numerics;

namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

/// <summary>
/// A sparse matrix in compressed sparse row form: row r's entries are
/// <c>ColumnIndices[RowPointers[r]..RowPointers[r + 1]]</c> with their <c>Values</c>, columns strictly increasing.
/// Row pointers are 32-bit because a .NET array holds at most 2³¹ − 1 elements, so no single-array matrix can need more.
/// </summary>
public sealed class CsrMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, T[] values)
        : this(rows, columns, rowPointers, columnIndices, values, checkEntries: true)
    {
    }

    private CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, T[] values, bool checkEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rowPointers.Length != rows + 1)
            throw new ArgumentException($"A {rows}-row matrix needs {rows + 1} row pointers, not {rowPointers.Length}.", nameof(rowPointers));
        if (columnIndices.Length != values.Length)
            throw new ArgumentException($"{columnIndices.Length} column indices do not match {values.Length} values.", nameof(columnIndices));
        if (rowPointers[0] != 0 || rowPointers[rows] != values.Length)
            throw new ArgumentException($"Row pointers must run from 0 to the {values.Length} stored entries.", nameof(rowPointers));
        for (var row = 0; checkEntries && row < rows; row++)
        {
            int start = rowPointers[row], end = rowPointers[row + 1];
            if (end < start)
                throw new ArgumentException($"Row {row}'s pointer goes backwards ({start} then {end}).", nameof(rowPointers));
            for (var k = start; k < end; k++)
            {
                var column = columnIndices[k];
                if ((uint)column >= (uint)columns)
                    throw new ArgumentException($"Row {row} has column {column}, outside 0..{columns - 1}.", nameof(columnIndices));
                if (k > start && column <= columnIndices[k - 1])
                    throw new ArgumentException($"Row {row}'s columns are not strictly increasing at column {column}.", nameof(columnIndices));
            }
        }
        Rows = rows;
        Columns = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    /// <summary>
    /// A matrix built by this module's own kernels (products, transposes, AMG operators), whose rows come out in range
    /// and sorted by construction (their tests compare them with dense arithmetic); only the shape is checked, as the
    /// per-entry check was a serial pass over every operator of the AMG setup, about a tenth of it.
    /// </summary>
    internal static CsrMatrix<T> FromKernel(int rows, int columns, int[] rowPointers, int[] columnIndices, T[] values) =>
        new(rows, columns, rowPointers, columnIndices, values, checkEntries: false);

    public int Rows { get; }
    public int Columns { get; }
    public int[] RowPointers { get; }
    public int[] ColumnIndices { get; }
    public T[] Values { get; }
    public int NonZeros => Values.Length;
    public bool IsSquare => Rows == Columns;
}
