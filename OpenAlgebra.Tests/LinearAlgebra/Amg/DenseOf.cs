using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>Small matrices written out densely, for checking sparse results entry by entry.</summary>
internal static class DenseOf
{
    public static double[,] Matrix(CsrMatrix<double> a)
    {
        var dense = new double[a.Rows, a.Columns];
        for (var row = 0; row < a.Rows; row++)
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
                dense[row, a.ColumnIndices[k]] = a.Values[k];
        return dense;
    }

    public static CsrMatrix<double> Sparse(double[,] dense)
    {
        int rows = dense.GetLength(0), columns = dense.GetLength(1);
        var rowPointers = new int[rows + 1];
        var indices = new List<int>();
        var values = new List<double>();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                if (dense[row, column] != 0)
                {
                    indices.Add(column);
                    values.Add(dense[row, column]);
                }
            }
            rowPointers[row + 1] = indices.Count;
        }
        return new CsrMatrix<double>(rows, columns, rowPointers, [.. indices], [.. values]);
    }
}
