using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

/// <summary>Breakdown and non-convergence are results with a reason, and x is left as the last sound iterate.</summary>
public sealed class BreakdownTests
{
    [Fact]
    public void CG_on_an_indefinite_matrix_stops_on_a_nonpositive_p_Ap()
    {
        var a = SolverTestMatrices.FromDense(new double[,] { { 1, 0 }, { 0, -3 } });

        var result = Solving.Solve(a, [1.0, 1.0], new SolveOptions());

        Assert.False(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Contains("p·Ap", result.Reason, StringComparison.Ordinal);
        Assert.Equal([0.0, 0.0], result.Solution);
        Assert.Equal(1, result.RelativeResidual, 1e-15);
    }

    [Fact]
    public void CG_with_a_negative_Jacobi_preconditioner_names_the_preconditioner()
    {
        var poisson = ModelProblems.Poisson2D(4);
        var negated = new CsrMatrix<double>(16, 16, poisson.RowPointers, poisson.ColumnIndices, [.. poisson.Values.Select(v => -v)]);

        var result = Solving.Solve(negated, SolverTestMatrices.RandomVector(16, 1), new SolveOptions { Preconditioner = PreconditionerKind.Jacobi });

        Assert.False(result.Converged);
        Assert.Contains("preconditioner is not positive definite", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MINRES_refuses_to_start_with_a_preconditioner_that_is_not_positive_definite()
    {
        var poisson = ModelProblems.Poisson2D(4);
        var negated = new CsrMatrix<double>(16, 16, poisson.RowPointers, poisson.ColumnIndices, [.. poisson.Values.Select(v => -v)]);

        var result = Solving.Solve(negated, SolverTestMatrices.RandomVector(16, 1), new SolveOptions { Solver = SolverKind.Minres, Preconditioner = PreconditionerKind.Jacobi });

        Assert.False(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Contains("not positive definite", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BiCGSTAB_stops_when_omega_vanishes()
    {
        // r₀ = e₁, v = A·r₀ = (0, −1, 2), α = −1, s = (0, 0, 2), t = A·s = (−2, 4, 0): t·s = 0 exactly.
        var a = SolverTestMatrices.FromDense(new double[,] { { 2, 0, -1 }, { 1, -1, 2 }, { -1, 2, 0 } });

        var result = Solving.Solve(a, [0.0, 1.0, 0.0], new SolveOptions { Solver = SolverKind.BiCgStab });

        Assert.False(result.Converged);
        Assert.Contains("ω", result.Reason, StringComparison.Ordinal);
        Assert.All(result.Solution, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void BiCGSTAB_stops_when_the_shadow_residual_is_orthogonal_to_A_r()
    {
        // A skew-symmetric: r̂·A·r̂ = 0 for every r̂.
        var a = SolverTestMatrices.FromDense(new double[,] { { 0, 1 }, { -1, 0 } });

        var result = Solving.Solve(a, [1.0, 0.0], new SolveOptions { Solver = SolverKind.BiCgStab });

        Assert.False(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Contains("r̂·v is zero", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GMRES_on_a_singular_matrix_says_so()
    {
        // b = e₁ lies outside A's range, and A·e₁ = 0: the Krylov space offers nothing.
        var a = SolverTestMatrices.FromDense(new double[,] { { 1, 0 }, { 0, 0 } });

        var result = Solving.Solve(a, [0.0, 1.0], new SolveOptions { Solver = SolverKind.Gmres });

        Assert.False(result.Converged);
        Assert.Contains("singular", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SolverKind.Cg)]
    [InlineData(SolverKind.BiCgStab)]
    [InlineData(SolverKind.Gmres)]
    [InlineData(SolverKind.Minres)]
    [InlineData(SolverKind.Cgls)]
    [InlineData(SolverKind.Lsqr)]
    public void Running_out_of_iterations_is_a_result_with_the_true_residual(SolverKind solver)
    {
        var a = ModelProblems.Poisson2D(20);
        var b = SolverTestMatrices.RandomVector(a.Rows, 3);

        var result = Solving.Solve(a, b, new SolveOptions { Solver = solver, MaxIterations = 5 });

        Assert.False(result.Converged);
        Assert.Equal(5, result.Iterations);
        Assert.Equal(6, result.ResidualHistory.Count);
        Assert.Contains("within 5 iterations", result.Reason, StringComparison.Ordinal);
        if (solver is not (SolverKind.Cgls or SolverKind.Lsqr))
            Assert.Equal(SolverTestMatrices.RelativeResidual(a, result.Solution, b), result.RelativeResidual, 1e-12);
        Assert.InRange(result.RelativeResidual, 1e-3, 1);
    }
}
