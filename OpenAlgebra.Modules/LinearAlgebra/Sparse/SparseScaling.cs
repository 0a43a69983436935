using System.Numerics;
using System.Numerics.Tensors;

namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

public static class SparseScaling
{
    /// <summary>The main diagonal (min(rows, columns) long), zero where no entry is stored.</summary>
    public static T[] Diagonal<T>(this CsrMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        var diagonal = new T[Math.Min(a.Rows, a.Columns)];
        for (var row = 0; row < diagonal.Length; row++)
        {
            var start = a.RowPointers[row];
            var at = a.ColumnIndices.AsSpan(start, a.RowPointers[row + 1] - start).BinarySearch(row);
            if (at >= 0)
                diagonal[row] = a.Values[start + at];
        }
        return diagonal;
    }

    /// <summary>D·A for D = diag(<paramref name="factors"/>): row r scaled by factors[r], as a new matrix with the same pattern.</summary>
    /// <exception cref="ArgumentException">There is not one factor per row.</exception>
    public static CsrMatrix<T> ScaleRows<T>(this CsrMatrix<T> a, ReadOnlySpan<T> factors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (factors.Length != a.Rows)
            throw new ArgumentException($"Scaling the rows of a {a.Rows}-row matrix needs {a.Rows} factors, not {factors.Length}.", nameof(factors));
        var values = new T[a.NonZeros];
        for (var row = 0; row < a.Rows; row++)
        {
            var start = a.RowPointers[row];
            var length = a.RowPointers[row + 1] - start;
            TensorPrimitives.Multiply(a.Values.AsSpan(start, length), factors[row], values.AsSpan(start, length));
        }
        return new CsrMatrix<T>(a.Rows, a.Columns, (int[])a.RowPointers.Clone(), (int[])a.ColumnIndices.Clone(), values);
    }
}
