using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

/// <summary>
/// Every solver with every preconditioner it accepts, on the kind of system it is meant for: SPD (2D Poisson),
/// nonsymmetric (upwind convection–diffusion) and symmetric indefinite (shifted Laplacian). Iteration counts must stay
/// within 20% of what these exact systems take, so a change that slows convergence, or stops a preconditioner from
/// acting, fails here. (Jacobi matches no preconditioner on these constant-diagonal matrices, as it must.)
/// </summary>
public sealed class SolverPairTests(ITestOutputHelper output)
{
    private const int Grid = 24;

    // Iterations observed for these systems and right-hand side; the band allows for other SIMD widths rounding differently.
    public static TheoryData<string, SolverKind, PreconditionerKind, int> Cases => new()
    {
        { "spd", SolverKind.Cg, PreconditionerKind.None, 77 },
        { "spd", SolverKind.Cg, PreconditionerKind.Jacobi, 77 },
        { "spd", SolverKind.Cg, PreconditionerKind.Ic0, 27 },
        { "spd", SolverKind.Cg, PreconditionerKind.Ssor, 31 },
        { "spd", SolverKind.BiCgStab, PreconditionerKind.None, 60 },
        { "spd", SolverKind.BiCgStab, PreconditionerKind.Jacobi, 60 },
        { "spd", SolverKind.BiCgStab, PreconditionerKind.Ilu0, 18 },
        { "spd", SolverKind.BiCgStab, PreconditionerKind.Ic0, 18 },
        { "spd", SolverKind.BiCgStab, PreconditionerKind.Ssor, 24 },
        { "spd", SolverKind.Gmres, PreconditionerKind.None, 116 },
        { "spd", SolverKind.Gmres, PreconditionerKind.Jacobi, 116 },
        { "spd", SolverKind.Gmres, PreconditionerKind.Ilu0, 26 },
        { "spd", SolverKind.Gmres, PreconditionerKind.Ic0, 26 },
        { "spd", SolverKind.Gmres, PreconditionerKind.Ssor, 31 },
        { "spd", SolverKind.Minres, PreconditionerKind.None, 76 },
        { "spd", SolverKind.Minres, PreconditionerKind.Jacobi, 76 },
        { "spd", SolverKind.Minres, PreconditionerKind.Ic0, 27 },
        { "spd", SolverKind.Minres, PreconditionerKind.Ssor, 31 },
        { "spd", SolverKind.Cg, PreconditionerKind.Amg, 9 },
        { "spd", SolverKind.BiCgStab, PreconditionerKind.Amg, 5 },
        { "spd", SolverKind.Gmres, PreconditionerKind.Amg, 9 },
        { "spd", SolverKind.Minres, PreconditionerKind.Amg, 9 },
        { "nonsymmetric", SolverKind.BiCgStab, PreconditionerKind.None, 31 },
        { "nonsymmetric", SolverKind.BiCgStab, PreconditionerKind.Jacobi, 31 },
        { "nonsymmetric", SolverKind.BiCgStab, PreconditionerKind.Ilu0, 10 },
        { "nonsymmetric", SolverKind.BiCgStab, PreconditionerKind.Ssor, 11 },
        { "nonsymmetric", SolverKind.Gmres, PreconditionerKind.None, 82 },
        { "nonsymmetric", SolverKind.Gmres, PreconditionerKind.Jacobi, 82 },
        { "nonsymmetric", SolverKind.Gmres, PreconditionerKind.Ilu0, 15 },
        { "nonsymmetric", SolverKind.Gmres, PreconditionerKind.Ssor, 16 },
        { "indefinite", SolverKind.Minres, PreconditionerKind.None, 141 },
        { "indefinite", SolverKind.Minres, PreconditionerKind.Jacobi, 141 },
        { "indefinite", SolverKind.Minres, PreconditionerKind.Ic0, 84 },
        { "indefinite", SolverKind.Minres, PreconditionerKind.Ssor, 91 },
        { "indefinite", SolverKind.Gmres, PreconditionerKind.None, 323 },
        { "indefinite", SolverKind.Gmres, PreconditionerKind.Ilu0, 68 },
        { "indefinite", SolverKind.BiCgStab, PreconditionerKind.Ilu0, 135 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Converges_within_its_iteration_bounds(string system, SolverKind solver, PreconditionerKind preconditioner, int observed)
    {
        var a = system switch
        {
            "spd" => ModelProblems.Poisson2D(Grid),
            "nonsymmetric" => SolverTestMatrices.ConvectionDiffusion(Grid, peclet: 2),
            _ => SolverTestMatrices.ShiftedLaplacian(Grid, near: 0.4).Matrix,
        };
        var b = SolverTestMatrices.RandomVector(a.Rows, seed: 5);

        var result = Solving.Solve(a, b, new SolveOptions { Solver = solver, Preconditioner = preconditioner, Tolerance = 1e-8, MaxIterations = 2000, Restart = system == "indefinite" ? 100 : 30 });

        output.WriteLine($"{system} {solver} {preconditioner}: {result.Iterations} iterations, {result.RelativeResidual:g3}");
        Assert.True(result.Converged, result.Reason);
        Assert.Null(result.Reason);
        Assert.True(SolverTestMatrices.RelativeResidual(a, result.Solution, b) <= 1e-8);
        Assert.Equal(result.Iterations + 1, result.ResidualHistory.Count);
        Assert.Equal("cpu", result.Backend);
        Assert.InRange(result.Iterations, (int)(0.8 * observed), (int)Math.Ceiling(1.2 * observed));
    }

    [Fact]
    public void Jacobi_undoes_a_bad_row_and_column_scaling_that_stalls_plain_CG()
    {
        // D·A·D with D spanning four decades. Jacobi's scaling undoes D exactly (A has a constant diagonal), so Jacobi-PCG
        // takes about what CG takes on A itself; plain CG gets nowhere.
        var poisson = ModelProblems.Poisson2D(Grid);
        var random = new Random(9);
        var scale = Enumerable.Range(0, poisson.Rows).Select(_ => Math.Pow(10, random.NextDouble() * 4 - 2)).ToArray();
        var values = new double[poisson.NonZeros];
        for (var row = 0; row < poisson.Rows; row++)
        {
            for (var k = poisson.RowPointers[row]; k < poisson.RowPointers[row + 1]; k++)
            {
                values[k] = scale[row] * poisson.Values[k] * scale[poisson.ColumnIndices[k]];
            }
        }
        var a = new CsrMatrix<double>(poisson.Rows, poisson.Columns, poisson.RowPointers, poisson.ColumnIndices, values);
        var b = SolverTestMatrices.RandomVector(a.Rows, seed: 5);

        var plain = Solving.Solve(a, b, new SolveOptions { MaxIterations = 300 });
        var jacobi = Solving.Solve(a, b, new SolveOptions { Preconditioner = PreconditionerKind.Jacobi, MaxIterations = 300 });

        output.WriteLine($"plain {plain.Iterations} ({plain.RelativeResidual:g3}), Jacobi {jacobi.Iterations}");
        Assert.False(plain.Converged);
        Assert.True(jacobi.Converged, jacobi.Reason);
        Assert.InRange(jacobi.Iterations, 60, 110);
    }
}
