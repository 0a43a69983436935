using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>Aᵀ by a counting sort over columns: O(nnz + columns), and the rows of Aᵀ come out with sorted columns.</summary>
internal static class CsrTranspose
{
    public static CsrMatrix<double> Of(CsrMatrix<double> a)
    {
        var pointers = new int[a.Columns + 1];
        foreach (var column in a.ColumnIndices)
        {
            pointers[column + 1]++;
        }
        for (var column = 0; column < a.Columns; column++)
        {
            pointers[column + 1] += pointers[column];
        }

        var next = pointers[..^1];
        var columns = new int[a.NonZeros];
        var values = new double[a.NonZeros];
        for (var row = 0; row < a.Rows; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                var at = next[a.ColumnIndices[k]]++;
                columns[at] = row;
                values[at] = a.Values[k];
            }
        }
        return new CsrMatrix<double>(a.Columns, a.Rows, pointers, columns, values);
    }
}
