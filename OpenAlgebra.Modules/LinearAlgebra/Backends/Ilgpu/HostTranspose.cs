using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// Aᵀ in CSR, built on the host by a counting sort over columns. The GPU multiplies by an uploaded transpose rather
/// than scattering A's rows with atomic adds, because atomics would make every Aᵀ·x differ in its last bits from run
/// to run.
/// </summary>
internal static class HostTranspose
{
    public static CsrMatrix<double> Of(CsrMatrix<double> a)
    {
        var rowPointers = new int[a.Columns + 1];
        foreach (var column in a.ColumnIndices)
            rowPointers[column + 1]++;
        for (var column = 0; column < a.Columns; column++)
            rowPointers[column + 1] += rowPointers[column];

        var next = rowPointers[..^1];
        var columns = new int[a.NonZeros];
        var values = new double[a.NonZeros];
        // Rows are visited in order, so each transposed row receives its columns already increasing.
        for (var row = 0; row < a.Rows; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                var at = next[a.ColumnIndices[k]]++;
                columns[at] = row;
                values[at] = a.Values[k];
            }
        }
        return new CsrMatrix<double>(a.Columns, a.Rows, rowPointers, columns, values);
    }
}
