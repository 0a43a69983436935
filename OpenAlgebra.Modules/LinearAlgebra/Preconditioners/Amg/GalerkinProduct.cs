using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// The coarse operator Aᶜ = R·A·P with R = Pᵀ: the coarse problem whose solution is the best correction from P's range
/// in the energy norm, symmetric positive definite whenever A is. R is kept as a matrix of its own because restricting
/// with a row-parallel SpMV beats a transposed (scattering) one.
/// </summary>
internal static class GalerkinProduct
{
    public static (CsrMatrix<double> Coarse, CsrMatrix<double> Restriction) Of(CsrMatrix<double> a, CsrMatrix<double> prolongator,
        CancellationToken cancellationToken)
    {
        var restriction = prolongator.Transpose();
        return (restriction.Multiply(a.Multiply(prolongator, cancellationToken), cancellationToken), restriction);
    }
}
