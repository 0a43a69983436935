using MathNet.Numerics.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// ρ(D⁻¹A) for the Jacobi weights of a level. D⁻¹A is similar to S = D^(−1/2)·A·D^(−1/2), which is symmetric, and a
/// few Lanczos steps on S pin down its largest eigenvalue to a few digits (extreme Ritz values converge first). Runs on
/// the level's backend, so it costs a handful of SpMVs wherever the matrix lives.
/// </summary>
internal static class SpectralRadius
{
    public static double OfJacobi(ILinearAlgebraBackend backend, IDeviceMatrix a, IDeviceVector inverseSqrtDiagonal, int steps)
    {
        var n = a.Rows;
        steps = Math.Min(steps, n);
        using var v = backend.Allocate(n);
        using var previous = backend.Allocate(n);
        using var scaled = backend.Allocate(n);
        using var w = backend.Allocate(n);
        using var scalars = backend.AllocateScalars(2);

        // A random start has a component along the top eigenvector; a constant one can miss it (on a grid it is
        // orthogonal to the checkerboard mode).
        var start = new double[n];
        var random = new Random(20_240_917);
        for (var i = 0; i < n; i++)
            start[i] = random.NextDouble() - 0.5;
        var norm = Math.Sqrt(start.Sum(value => value * value));
        for (var i = 0; i < n; i++)
            start[i] /= norm;
        backend.CopyToDevice(start, v);
        backend.Fill(previous, 0);

        var alphas = new List<double>(steps);
        var betas = new List<double>(steps);
        var beta = 0.0;
        for (var step = 0; step < steps; step++)
        {
            backend.PointwiseMultiply(inverseSqrtDiagonal, v, scaled);
            backend.Multiply(a, scaled, w);
            backend.PointwiseMultiply(inverseSqrtDiagonal, w, scaled);
            backend.Dot(v, scaled, scalars, 0);
            var alpha = backend.Read(scalars, 0);
            backend.Axpy(Coefficient.Of(-alpha), v, scaled);
            backend.Axpy(Coefficient.Of(-beta), previous, scaled);
            backend.Norm2(scaled, scalars, 1);
            beta = backend.Read(scalars, 1);
            alphas.Add(alpha);
            // A tiny β means the Krylov space is invariant: its Ritz values are exact eigenvalues already.
            if (beta <= 1e-10 * Math.Abs(alpha) || step == steps - 1)
                break;
            betas.Add(beta);
            backend.Copy(v, previous);
            backend.Copy(scaled, v);
            backend.Scale(Coefficient.Of(1 / beta), v);
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
