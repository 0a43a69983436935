using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>Small test matrices written out densely and stored sparse.</summary>
internal static class DenseOf
{
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
