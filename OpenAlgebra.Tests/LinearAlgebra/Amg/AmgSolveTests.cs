using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.LinearAlgebra.Solvers;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>
/// AMG-preconditioned CG through the solver facade on the CPU backend: iteration counts that barely grow with the grid
/// where Jacobi-PCG's double with each doubling, and convergence on 3D, anisotropic and random-walker systems.
/// </summary>
public sealed class AmgSolveTests(ITestOutputHelper output)
{
    [Fact]
    public void AMG_PCG_iterations_barely_grow_with_the_Poisson_grid_while_Jacobi_PCG_doubles()
    {
        int[] grids = [64, 128, 256];
        var amg = grids.Select(n => Iterations(ModelProblems.Poisson2D(n), PreconditionerKind.Amg)).ToArray();
        var jacobi = grids.Select(n => Iterations(ModelProblems.Poisson2D(n), PreconditionerKind.Jacobi)).ToArray();

        for (var i = 0; i < grids.Length; i++)
            output.WriteLine($"{grids[i]}²: AMG-PCG {amg[i]}, Jacobi-PCG {jacobi[i]}");
        Assert.All(amg, count => Assert.InRange(count, 1, 25));
        for (var i = 1; i < grids.Length; i++)
        {
            Assert.True(amg[i] <= 1.5 * amg[i - 1], $"AMG-PCG went from {amg[i - 1]} to {amg[i]} iterations");
            Assert.True(jacobi[i] >= 1.7 * jacobi[i - 1], $"Jacobi-PCG went from {jacobi[i - 1]} to {jacobi[i]} iterations");
        }
        Assert.True(10 * amg[^1] < jacobi[^1]);
    }

    [Fact]
    public void AMG_PCG_solves_a_million_unknown_Poisson_problem_before_Jacobi_PCG_gets_anywhere_near()
    {
        // 1024² = 1,048,576 unknowns. Jacobi-PCG would take a couple of thousand iterations; it is only asked to show it
        // is still unconverged after ten times AMG's count, which keeps this test to seconds.
        var a = ModelProblems.Poisson2D(1024);
        var b = SolverTestMatrices.RandomVector(a.Rows, seed: 9);

        var amg = Solving.Solve(a, b, new SolveOptions { Preconditioner = PreconditionerKind.Amg, Tolerance = 1e-8 });
        var jacobi = Solving.Solve(a, b, new SolveOptions { Preconditioner = PreconditionerKind.Jacobi, Tolerance = 1e-8, MaxIterations = 10 * amg.Iterations });

        output.WriteLine($"AMG-PCG {amg.Iterations} iterations in {amg.Elapsed.TotalSeconds:F2} s; Jacobi-PCG at {jacobi.RelativeResidual:g3} after {jacobi.Iterations}");
        Assert.True(amg.Converged, amg.Reason);
        Assert.InRange(amg.Iterations, 1, 25);
        Assert.True(SolverTestMatrices.RelativeResidual(a, amg.Solution, b) <= 1e-8);
        Assert.False(jacobi.Converged);
        Assert.True(jacobi.RelativeResidual > 1e-4);
    }

    [Fact]
    public void AMG_PCG_converges_on_3D_Poisson()
    {
        var count = Iterations(ModelProblems.Poisson3D(40), PreconditionerKind.Amg);

        output.WriteLine($"40³: AMG-PCG {count}");
        Assert.InRange(count, 1, 20);
    }

    [Fact]
    public void AMG_PCG_converges_on_a_strongly_anisotropic_operator()
    {
        // Couplings a thousand times stronger along x than along y: point smoothers stall on it, aggregation along x
        // lets the coarse levels take over.
        var a = GridLaplacian.Anisotropic(200, cx: 1, cy: 1e-3);

        var count = Iterations(a, PreconditionerKind.Amg);
        var jacobi = Iterations(a, PreconditionerKind.Jacobi);

        output.WriteLine($"anisotropic 200²: AMG-PCG {count}, Jacobi-PCG {jacobi}");
        Assert.InRange(count, 1, 25);
        Assert.True(5 * count < jacobi);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(256)]
    public void AMG_PCG_converges_on_a_random_walker_system_with_a_strong_edge(int n)
    {
        // β = 90 on an image of unit contrast: edge weights e⁻⁹⁰ against ones inside the regions.
        var a = GridLaplacian.RandomWalker(n, beta: 90, seed: 7).Matrix;

        var count = Iterations(a, PreconditionerKind.Amg);
        var jacobi = Iterations(a, PreconditionerKind.Jacobi);

        output.WriteLine($"random walker {n}²: AMG-PCG {count}, Jacobi-PCG {jacobi}");
        Assert.InRange(count, 1, 25);
        Assert.True(5 * count < jacobi);
    }

    [Fact]
    public void AMG_PCG_solves_a_consistent_singular_graph_Laplacian()
    {
        // No fixed pixel: L·1 = 0, and every Galerkin operator inherits that null vector, down to the coarsest, whose
        // Cholesky drops the dependent pivot. A right-hand side orthogonal to 1 is consistent.
        var a = GridLaplacian.Build(100, 100, (_, _) => 1, (_, _) => false).Matrix;
        var b = SolverTestMatrices.RandomVector(a.Rows, seed: 3);
        var mean = b.Average();
        for (var i = 0; i < b.Length; i++)
            b[i] -= mean;

        var result = Solving.Solve(a, b, new SolveOptions { Preconditioner = PreconditionerKind.Amg, Tolerance = 1e-8 });

        output.WriteLine($"Neumann 100²: AMG-PCG {result.Iterations}");
        Assert.True(result.Converged, result.Reason);
        Assert.InRange(result.Iterations, 1, 25);
    }

    [Fact]
    public void AMG_refuses_a_matrix_with_a_nonpositive_diagonal_naming_the_row()
    {
        var a = AmgHierarchyTests.Shifted(ModelProblems.Poisson2D(30), -4);

        var error = Assert.Throws<ArgumentException>(() =>
            Solving.Solve(a, SolverTestMatrices.RandomVector(a.Rows, seed: 1), new SolveOptions { Preconditioner = PreconditionerKind.Amg }));

        Assert.Contains("row 0 has diagonal 0", error.Message, StringComparison.Ordinal);
    }

    private static int Iterations(CsrMatrix<double> a, PreconditionerKind preconditioner)
    {
        var b = SolverTestMatrices.RandomVector(a.Rows, seed: 5);
        var result = Solving.Solve(a, b, new SolveOptions { Preconditioner = preconditioner, Tolerance = 1e-8, MaxIterations = 5000 });
        Assert.True(result.Converged, result.Reason);
        Assert.True(SolverTestMatrices.RelativeResidual(a, result.Solution, b) <= 1e-8);
        return result.Iterations;
    }
}
