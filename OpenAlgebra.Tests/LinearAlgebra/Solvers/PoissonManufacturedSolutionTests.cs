using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

/// <summary>
/// −Δu = f on the unit square with u = sin(πx)·sin(πy), f = 2π²·u, zero on the boundary: the discrete solution must
/// approach u at the second order of the 5-point stencil, whichever solver and preconditioner produced it.
/// </summary>
public sealed class PoissonManufacturedSolutionTests
{
    public static TheoryData<SolverKind, PreconditionerKind> Pairs => new()
    {
        { SolverKind.Cg, PreconditionerKind.None },
        { SolverKind.Cg, PreconditionerKind.Ic0 },
        { SolverKind.BiCgStab, PreconditionerKind.Ilu0 },
        { SolverKind.Gmres, PreconditionerKind.Ssor },
        { SolverKind.Minres, PreconditionerKind.Jacobi },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_error_against_sin_sin_falls_fourfold_when_h_halves(SolverKind solver, PreconditionerKind preconditioner)
    {
        var coarse = MaxError(15, solver, preconditioner);
        var fine = MaxError(31, solver, preconditioner);

        // The stencil's truncation error is (π²h²/12)·(u_xxxx + u_yyyy)-sized: about 1.3e-2 at h = 1/16.
        Assert.InRange(coarse, 1e-3, 1e-2);
        Assert.InRange(coarse / fine, 3.6, 4.4);
    }

    private static double MaxError(int n, SolverKind solver, PreconditionerKind preconditioner)
    {
        var h = 1.0 / (n + 1);
        var a = ModelProblems.Poisson2D(n);
        var exact = new double[n * n];
        var b = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                var u = Math.Sin(Math.PI * (i + 1) * h) * Math.Sin(Math.PI * (j + 1) * h);
                exact[j * n + i] = u;
                b[j * n + i] = h * h * 2 * Math.PI * Math.PI * u; // A is the Laplacian times h²
            }
        }

        var result = Solving.Solve(a, b, new SolveOptions { Solver = solver, Preconditioner = preconditioner, Tolerance = 1e-10 });

        Assert.True(result.Converged, result.Reason);
        Assert.True(SolverTestMatrices.RelativeResidual(a, result.Solution, b) <= 1e-10);
        Assert.Equal(SolverTestMatrices.RelativeResidual(a, result.Solution, b), result.RelativeResidual, 1e-12);
        return exact.Select((u, i) => Math.Abs(u - result.Solution[i])).Max();
    }
}
