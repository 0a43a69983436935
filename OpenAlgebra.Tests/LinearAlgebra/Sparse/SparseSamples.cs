using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Sparse;

/// <summary>Random sparse matrices with empty rows and columns, and their dense twins as the reference.</summary>
internal static class SparseSamples
{
    /// <summary>A rows×columns matrix holding each entry with probability <paramref name="density"/>, with every fifth row left empty.</summary>
    public static CsrMatrix<T> Random<T>(int rows, int columns, double density, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var rowPointers = new int[rows + 1];
        var columnIndices = new List<int>();
        var values = new List<T>();
        for (var row = 0; row < rows; row++)
        {
            if (row % 5 != 3)
            {
                for (var column = 0; column < columns; column++)
                {
                    if (random.NextDouble() < density)
                    {
                        columnIndices.Add(column);
                        values.Add(T.CreateChecked(Math.Round(random.NextDouble() * 8 - 4, 2)));
                    }
                }
            }

            rowPointers[row + 1] = columnIndices.Count;
        }

        return new CsrMatrix<T>(rows, columns, rowPointers, [.. columnIndices], [.. values]);
    }

    public static Matrix<double> Dense<T>(CsrMatrix<T> matrix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dense = Matrix<double>.Build.Dense(matrix.Rows, matrix.Columns);
        for (var row = 0; row < matrix.Rows; row++)
        {
            for (var k = matrix.RowPointers[row]; k < matrix.RowPointers[row + 1]; k++)
            {
                dense[row, matrix.ColumnIndices[k]] = double.CreateChecked(matrix.Values[k]);
            }
        }

        return dense;
    }

    public static void AssertEqual(Matrix<double> expected, Matrix<double> actual, double tolerance)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        for (var row = 0; row < expected.RowCount; row++)
        {
            for (var column = 0; column < expected.ColumnCount; column++)
            {
                var scale = Math.Max(1, Math.Abs(expected[row, column]));
                Assert.True(
                    Math.Abs(expected[row, column] - actual[row, column]) <= tolerance * scale,
                    $"({row}, {column}): expected {expected[row, column]}, got {actual[row, column]}");
            }
        }
    }

    /// <summary>The same shape, pattern and values, entry by entry.</summary>
    public static void AssertSameEntries<T>(CsrMatrix<T> expected, CsrMatrix<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal((expected.Rows, expected.Columns), (actual.Rows, actual.Columns));
        Assert.Equal(expected.RowPointers, actual.RowPointers);
        Assert.Equal(expected.ColumnIndices, actual.ColumnIndices);
        Assert.Equal(expected.Values, actual.Values);
    }
}
