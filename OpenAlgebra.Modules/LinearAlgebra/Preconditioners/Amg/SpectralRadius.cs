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
    /// <remarks>
    /// Lanczos on S is carried out on v = D^(−1/2)·u, where S·u = D^(1/2)·D⁻¹A·v and u·u′ = v·D·v′: each step is one
    /// product with A fused with α = v·A·v, and one vector pass fused with β² = w·D·w, both over row ranges on all
    /// cores. A vector's normalisation is kept as a factor and applied in the next pass instead of a pass of its own.
    /// </remarks>
    public static double OfJacobi(CsrMatrix<double> a, double[] diagonal, int steps)
    {
        var n = a.Rows;
        steps = Math.Min(steps, n);
        var parts = RowPartition.PartsFor(a.NonZeros + (long)n);
        var ranges = RowPartition.ByNonZeros(a.RowPointers, parts);
        var partials = new double[parts];

        // A random start has a component along the top eigenvector; a constant one can miss it (on a grid it is
        // orthogonal to the checkerboard mode).
        var v = new double[n];
        var random = new Random(20_240_917);
        var squaredNorm = 0.0;
        for (var i = 0; i < n; i++)
        {
            v[i] = random.NextDouble() - 0.5;
            squaredNorm += diagonal[i] * v[i] * v[i];
        }
        var scale = 1 / Math.Sqrt(squaredNorm);
        var previous = new double[n];
        var previousScale = 0.0;
        var w = new double[n];

        var alphas = new List<double>(steps);
        var betas = new List<double>(steps);
        var beta = 0.0;
        for (var step = 0; step < steps; step++)
        {
            Parallel.For(0, parts, p => partials[p] = MultiplyAndDot(a, v, w, ranges[p], ranges[p + 1]));
            var alpha = scale * scale * partials.Sum();
            alphas.Add(alpha);
            // w ← D⁻¹A·v − α·v − β·v_previous, the next Lanczos direction before normalising.
            var (own, back) = (alpha * scale, beta * previousScale);
            Parallel.For(0, parts, p => partials[p] = NextDirection(diagonal, v, previous, w, scale, own, back, ranges[p], ranges[p + 1]));
            beta = Math.Sqrt(partials.Sum());
            // A tiny β means the Krylov space is invariant: its Ritz values are exact eigenvalues already.
            if (beta <= 1e-10 * Math.Abs(alpha) || step == steps - 1)
                break;
            betas.Add(beta);
            (previous, previousScale, v, scale, w) = (v, scale, w, 1 / beta, previous);
        }
        return LargestEigenvalue(alphas, betas);
    }

    /// <summary>w = A·v on rows first..end − 1; returns their share of v·A·v.</summary>
    private static double MultiplyAndDot(CsrMatrix<double> a, double[] v, double[] w, int first, int end)
    {
        int[] pointers = a.RowPointers, columns = a.ColumnIndices;
        var values = a.Values;
        var dot = 0.0;
        for (var row = first; row < end; row++)
        {
            var sum = 0.0;
            for (var k = pointers[row]; k < pointers[row + 1]; k++)
                sum += values[k] * v[columns[k]];
            w[row] = sum;
            dot += v[row] * sum;
        }
        return dot;
    }

    /// <summary>w ← scale·w/d − own·v − back·previous on rows first..end − 1; returns their share of w·D·w.</summary>
    private static double NextDirection(double[] diagonal, double[] v, double[] previous, double[] w, double scale, double own, double back, int first, int end)
    {
        var squaredNorm = 0.0;
        for (var i = first; i < end; i++)
        {
            var next = scale * w[i] / diagonal[i] - own * v[i] - back * previous[i];
            w[i] = next;
            squaredNorm += diagonal[i] * next * next;
        }
        return squaredNorm;
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
