using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners;

/// <summary>Where each row's diagonal entry sits in a CSR matrix, for the preconditioners built from A's diagonal.</summary>
internal static class MatrixDiagonal
{
    /// <summary>The index into <c>Values</c> of each row's diagonal entry.</summary>
    /// <exception cref="ArgumentException">A is not square, or a row stores no diagonal entry (named).</exception>
    public static int[] Positions(CsrMatrix<double> a, string preconditioner)
    {
        if (!a.IsSquare)
            throw new ArgumentException($"{preconditioner} needs a square matrix, not {a.Rows}×{a.Columns}.", nameof(a));
        var positions = new int[a.Rows];
        for (var row = 0; row < a.Rows; row++)
        {
            var start = a.RowPointers[row];
            var at = Array.BinarySearch(a.ColumnIndices, start, a.RowPointers[row + 1] - start, row);
            if (at < 0)
                throw new ArgumentException($"{preconditioner} needs a diagonal entry in every row; row {row} has none.", nameof(a));
            positions[row] = at;
        }
        return positions;
    }
}
