using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

public sealed class SolveInputTests
{
    [Fact]
    public void NaN_in_A_is_refused_naming_its_row_and_column()
    {
        var poisson = ModelProblems.Poisson2D(3);
        var values = (double[])poisson.Values.Clone();
        values[poisson.RowPointers[4] + 2] = double.NaN; // row 4's third entry, column 4 (the diagonal)
        var a = new CsrMatrix<double>(9, 9, poisson.RowPointers, poisson.ColumnIndices, values);

        var error = Assert.Throws<ArgumentException>(() => Solving.Solve(a, new double[9], new SolveOptions()));

        Assert.Equal("a", error.ParamName);
        Assert.Contains("A holds NaN at row 4, column 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infinity_in_b_or_the_initial_guess_is_refused_naming_which()
    {
        var a = ModelProblems.Poisson2D(3);
        var b = new double[9];
        b[7] = double.PositiveInfinity;

        var inB = Assert.Throws<ArgumentException>(() => Solving.Solve(a, b, new SolveOptions()));
        var guess = new double[9];
        guess[2] = double.NegativeInfinity;
        var inGuess = Assert.Throws<ArgumentException>(() => Solving.Solve(a, new double[9], new SolveOptions { InitialGuess = guess }));

        Assert.Contains("b holds +infinity at index 7", inB.Message, StringComparison.Ordinal);
        Assert.Contains("initial guess holds −infinity at index 2", inGuess.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_that_disagree_are_refused()
    {
        var square = ModelProblems.Poisson2D(3);
        var tall = SolverTestMatrices.Overdetermined(12, 4, seed: 1);

        Assert.Contains("b has 8 entries but A has 9 rows", Assert.Throws<ArgumentException>(() => Solving.Solve(square, new double[8], new SolveOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("CG needs a square matrix, but A is 12×4", Assert.Throws<ArgumentException>(() => Solving.Solve(tall, new double[12], new SolveOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("initial guess has 12 entries but A has 4 columns", Assert.Throws<ArgumentException>(() =>
            Solving.Solve(tall, new double[12], new SolveOptions { Solver = SolverKind.Lsqr, InitialGuess = new double[12] })).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SolverKind.Cg, PreconditionerKind.Ilu0, "CG needs a symmetric positive definite preconditioner")]
    [InlineData(SolverKind.Minres, PreconditionerKind.Ilu0, "MINRES needs a symmetric positive definite preconditioner")]
    [InlineData(SolverKind.Cgls, PreconditionerKind.Jacobi, "CGLS takes no preconditioner")]
    [InlineData(SolverKind.Lsqr, PreconditionerKind.Ic0, "LSQR takes no preconditioner")]
    public void Solver_and_preconditioner_pairs_that_make_no_sense_are_refused(SolverKind solver, PreconditionerKind preconditioner, string message)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Solving.Solve(ModelProblems.Poisson2D(3), new double[9], new SolveOptions { Solver = solver, Preconditioner = preconditioner }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 10, 30, 1.0, "tolerance")]
    [InlineData(double.NaN, 10, 30, 1.0, "tolerance")]
    [InlineData(1e-8, 0, 30, 1.0, "iteration limit")]
    [InlineData(1e-8, 10, 0, 1.0, "restart length")]
    [InlineData(1e-8, 10, 30, 2.0, "relaxation factor")]
    public void Options_out_of_range_are_refused_by_name(double tolerance, int maxIterations, int restart, double omega, string named)
    {
        var options = new SolveOptions { Tolerance = tolerance, MaxIterations = maxIterations, Restart = restart, SsorRelaxation = omega };

        var error = Assert.Throws<ArgumentException>(() => Solving.Solve(ModelProblems.Poisson2D(3), new double[9], options));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_right_hand_side_gives_x_zero_at_iteration_zero_whatever_the_guess()
    {
        var result = Solving.Solve(ModelProblems.Poisson2D(3), new double[9], new SolveOptions { InitialGuess = [.. Enumerable.Repeat(1.0, 9)] });

        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(new double[9], result.Solution);
        Assert.Equal([0.0], result.ResidualHistory);
        Assert.Equal("cpu", result.Backend);
    }

    [Fact]
    public void An_initial_guess_that_already_solves_the_system_takes_no_iterations()
    {
        var a = ModelProblems.Poisson2D(5);
        var x = SolverTestMatrices.RandomVector(25, 2);

        var result = Solving.Solve(a, SolverTestMatrices.Multiply(a, x), new SolveOptions { InitialGuess = x });

        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(x, result.Solution);
    }
}
