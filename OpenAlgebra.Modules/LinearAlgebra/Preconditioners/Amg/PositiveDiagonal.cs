using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// A level's diagonal, which strength, Jacobi and prolongator smoothing all divide by. A symmetric positive definite
/// matrix has a positive diagonal, so a missing, zero, negative or non-finite one means AMG was given the wrong matrix.
/// </summary>
internal static class PositiveDiagonal
{
    public static double[] Of(CsrMatrix<double> a, int level)
    {
        var diagonal = a.Diagonal();
        for (var row = 0; row < diagonal.Length; row++)
        {
            if (!(diagonal[row] > 0 && double.IsFinite(diagonal[row])))
            {
                var where = level == 0 ? $"row {row}" : $"row {row} of coarse level {level}";
                throw new ArgumentException(
                    $"Smoothed-aggregation AMG needs a symmetric positive definite matrix, but {where} has diagonal {diagonal[row]}.");
            }
        }
        return diagonal;
    }
}
