using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

/// <summary>
/// The 5-point Laplacian's eigenpairs are known in closed form: vⱼₖ = sin(jπx)·sin(kπy) with λⱼₖ = 4 − 2cos(jπh) − 2cos(kπh).
/// They check SpMV directly and bound what CG may take.
/// </summary>
public sealed class LaplacianSpectrumTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(20, 20)]
    public void Multiply_maps_each_grid_eigenvector_to_its_eigenvalue_times_itself(int j, int k)
    {
        const int n = 20;
        var h = 1.0 / (n + 1);
        var v = new double[n * n];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                v[y * n + x] = Math.Sin(j * Math.PI * (x + 1) * h) * Math.Sin(k * Math.PI * (y + 1) * h);
            }
        }
        using var backend = new CpuBackend();
        using var matrix = backend.Upload(ModelProblems.Poisson2D(n));
        using var dv = backend.Allocate(v.Length);
        using var av = backend.Allocate(v.Length);
        backend.CopyToDevice(v, dv);

        backend.Multiply(matrix, dv, av);

        var result = new double[v.Length];
        backend.CopyToHost(av, result);
        var lambda = SolverTestMatrices.LaplacianEigenvalue(n, j, k);
        for (var i = 0; i < v.Length; i++)
        {
            Assert.Equal(lambda * v[i], result[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void CG_needs_no_more_iterations_than_the_condition_number_bound(int n)
    {
        // ‖eₖ‖_A ≤ 2((√κ − 1)/(√κ + 1))ᵏ‖e₀‖_A, and ‖r‖/‖b‖ ≤ √κ·‖e‖_A/‖e₀‖_A from x₀ = 0, so reaching ε in the residual takes
        // at most ln(2√κ/ε) / ln((√κ + 1)/(√κ − 1)) iterations (about ln(2√κ/ε)·√κ/2).
        const double tolerance = 1e-8;
        var kappa = SolverTestMatrices.LaplacianEigenvalue(n, n, n) / SolverTestMatrices.LaplacianEigenvalue(n, 1, 1);
        var rootKappa = Math.Sqrt(kappa);
        var bound = Math.Ceiling(Math.Log(2 * rootKappa / tolerance) / Math.Log((rootKappa + 1) / (rootKappa - 1)));
        var b = SolverTestMatrices.RandomVector(n * n, n);

        var result = Solving.Solve(ModelProblems.Poisson2D(n), b, new SolveOptions { Tolerance = tolerance });

        Assert.True(result.Converged, result.Reason);
        Assert.InRange(result.Iterations, bound / 4, bound);
    }
}
