using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// ρ(D⁻¹A) for the Jacobi weights of a level. D⁻¹A is similar to S = D^(−1/2)·A·D^(−1/2), which is symmetric, and a
/// few Lanczos steps on S pin down its largest eigenvalue to a few digits (extreme Ritz values converge first, and never
/// overshoot).
/// </summary>
internal static class SpectralRadius
{
    public static double OfJacobi(CsrMatrix<double> a, double[] diagonal, int steps)
    {
        var n = a.Rows;
        steps = Math.Min(steps, n);
        var inverseSqrt = new double[n];
        for (var i = 0; i < n; i++)
            inverseSqrt[i] = 1 / Math.Sqrt(diagonal[i]);

        // A random start has a component along the top eigenvector; a constant one can miss it (on a grid it is
        // orthogonal to the checkerboard mode).
        var v = new double[n];
        var random = new Random(20_240_917);
        for (var i = 0; i < n; i++)
            v[i] = random.NextDouble() - 0.5;
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        var previous = new double[n];
        var scaled = new double[n];
        var w = new double[n];

        var alphas = new List<double>(steps);
        var betas = new List<double>(steps);
        var beta = 0.0;
        for (var step = 0; step < steps; step++)
        {
            TensorPrimitives.Multiply(inverseSqrt, v, scaled);
            a.Multiply(scaled, w);
            TensorPrimitives.Multiply(inverseSqrt, w, w);
            var alpha = TensorPrimitives.Dot(v, w);
            alphas.Add(alpha);
            // w ← w − α·v − β·v_previous, the next Lanczos direction before normalising.
            TensorPrimitives.MultiplyAdd(v, -alpha, w, w);
            TensorPrimitives.MultiplyAdd(previous, -beta, w, w);
            beta = TensorPrimitives.Norm(w);
            // A tiny β means the Krylov space is invariant: its Ritz values are exact eigenvalues already.
            if (beta <= 1e-10 * Math.Abs(alpha) || step == steps - 1)
                break;
            betas.Add(beta);
            (previous, v, w) = (v, w, previous);
            TensorPrimitives.Divide(v, beta, v);
        }
        return LargestEigenvalue(alphas, betas);
    }

    private static double LargestEigenvalue(List<double> diagonal, List<double> offDiagonal)
    {
        var k = diagonal.Count;
        var tridiagonal = Matrix<double>.Build.Dense(k, k);
        for (var i = 0; i < k; i++)
        {
            tridiagonal[i, i] = diagonal[i];
            if (i + 1 < k)
            {
                tridiagonal[i, i + 1] = offDiagonal[i];
                tridiagonal[i + 1, i] = offDiagonal[i];
            }
        }
        return tridiagonal.Evd(Symmetricity.Symmetric).EigenValues.Max(value => value.Real);
    }
}
