using System.Numerics.Tensors;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// L·Lᵀ of the small coarsest matrix, factored once at setup and solved in place on each V-cycle without allocating.
/// Only the lower triangle is read, so the coarse solve is symmetric even where round-off made Aᶜ slightly not.
/// </summary>
internal sealed class DenseCholesky
{
    private readonly int _n;

    // Row-major lower triangle; a pivot that vanishes leaves its column zero (see Factor).
    private readonly double[] _factor;

    public DenseCholesky(CsrMatrix<double> a)
    {
        _n = a.Rows;
        _factor = new double[checked(_n * _n)];
        for (var row = 0; row < _n; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                var column = a.ColumnIndices[k];
                if (column <= row)
                    _factor[row * _n + column] = a.Values[k];
            }
        }
        Factor();
    }

    /// <remarks>
    /// A graph Laplacian without a Dirichlet row is singular on the constant vector, and its Galerkin operators are too;
    /// the pivot of the dependent unknown then comes out at round-off level. Dropping that unknown (zero column, zero
    /// solution component) solves on the complement, so M⁻¹ stays symmetric positive semidefinite and CG still
    /// converges on a consistent right-hand side instead of dividing by noise.
    /// </remarks>
    private void Factor()
    {
        var f = _factor;
        for (var j = 0; j < _n; j++)
        {
            var rowJ = f.AsSpan(j * _n, j);
            var original = f[j * _n + j];
            var pivot = original - TensorPrimitives.Dot<double>(rowJ, rowJ);
            if (!(pivot > 1e-12 * Math.Abs(original)))
            {
                for (var i = j; i < _n; i++)
                    f[i * _n + j] = 0;
                continue;
            }
            var root = Math.Sqrt(pivot);
            f[j * _n + j] = root;
            for (var i = j + 1; i < _n; i++)
            {
                var dot = TensorPrimitives.Dot<double>(f.AsSpan(i * _n, j), rowJ);
                f[i * _n + j] = (f[i * _n + j] - dot) / root;
            }
        }
    }

    /// <summary>Overwrites <paramref name="x"/> (holding b) with A⁻¹·b.</summary>
    public void Solve(Span<double> x)
    {
        var f = _factor;
        for (var i = 0; i < _n; i++)
        {
            var diagonal = f[i * _n + i];
            x[i] = diagonal == 0 ? 0 : (x[i] - TensorPrimitives.Dot<double>(f.AsSpan(i * _n, i), x[..i])) / diagonal;
        }
        for (var i = _n - 1; i >= 0; i--)
        {
            var diagonal = f[i * _n + i];
            if (diagonal == 0)
            {
                x[i] = 0;
                continue;
            }
            var sum = x[i];
            for (var k = i + 1; k < _n; k++)
                sum -= f[k * _n + i] * x[k];
            x[i] = sum / diagonal;
        }
    }
}
