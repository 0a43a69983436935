using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// The right-hand side used when a caller brings only A: b = A·1, so the exact solution x = 1 is known and a solve can
/// be judged by its error as well as its residual.
/// </summary>
public static class ManufacturedRightHandSide
{
    public static double[] For(CsrMatrix<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var ones = new double[a.Columns];
        Array.Fill(ones, 1.0);
        var b = new double[a.Rows];
        a.Multiply(ones, b);
        return b;
    }
}
