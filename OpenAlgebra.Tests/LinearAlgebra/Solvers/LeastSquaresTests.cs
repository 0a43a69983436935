using MathNet.Numerics.LinearAlgebra.Double;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

/// <summary>CGLS and LSQR on overdetermined systems, against MathNet's dense Householder QR.</summary>
public sealed class LeastSquaresTests
{
    [Theory]
    [InlineData(SolverKind.Cgls)]
    [InlineData(SolverKind.Lsqr)]
    public void An_inconsistent_overdetermined_system_matches_the_QR_least_squares_solution(SolverKind solver)
    {
        var a = SolverTestMatrices.Overdetermined(120, 40, seed: 17);
        var b = SolverTestMatrices.RandomVector(120, seed: 18);
        var expected = Dense(a).QR().Solve(DenseVector.OfArray(b)).ToArray();

        var result = Solving.Solve(a, b, new SolveOptions { Solver = solver, Tolerance = 1e-12 });

        Assert.True(result.Converged, result.Reason);
        Assert.InRange(result.Iterations, 10, 40); // at most n = 40 in exact arithmetic
        Assert.True(result.RelativeResidual <= 1e-12);
        var error = SolverTestMatrices.Norm(expected.Select((v, i) => v - result.Solution[i]).ToArray());
        Assert.True(error <= 1e-9 * SolverTestMatrices.Norm(expected), $"‖x − x_QR‖ = {error:g3}");
        // The residual itself stays large: b is not in A's range.
        Assert.True(SolverTestMatrices.RelativeResidual(a, result.Solution, b) > 0.1);
    }

    [Theory]
    [InlineData(SolverKind.Cgls)]
    [InlineData(SolverKind.Lsqr)]
    public void A_consistent_system_is_solved_exactly_from_an_initial_guess(SolverKind solver)
    {
        var a = SolverTestMatrices.Overdetermined(90, 30, seed: 21);
        var truth = SolverTestMatrices.RandomVector(30, seed: 22);
        var b = SolverTestMatrices.Multiply(a, truth);

        var result = Solving.Solve(a, b, new SolveOptions { Solver = solver, Tolerance = 1e-12, InitialGuess = truth.Select(v => v + 0.5).ToArray() });

        Assert.True(result.Converged, result.Reason);
        for (var i = 0; i < truth.Length; i++)
        {
            Assert.Equal(truth[i], result.Solution[i], 1e-9);
        }
    }

    [Fact]
    public void A_right_hand_side_orthogonal_to_the_range_gives_x_zero_at_once()
    {
        // A's range is spanned by e₀ and e₁; b = e₂ is orthogonal to it, so Aᵀb = 0.
        var a = SolverTestMatrices.FromDense(new double[,] { { 1, 0 }, { 0, 2 }, { 0, 0 } });

        var result = Solving.Solve(a, [0.0, 0.0, 3.0], new SolveOptions { Solver = SolverKind.Lsqr, InitialGuess = [5.0, 5.0] });

        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Equal([0.0, 0.0], result.Solution);
    }

    private static DenseMatrix Dense(CsrMatrix<double> a)
    {
        var dense = new DenseMatrix(a.Rows, a.Columns);
        for (var row = 0; row < a.Rows; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                dense[row, a.ColumnIndices[k]] = a.Values[k];
            }
        }
        return dense;
    }
}
