using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

/// <summary>
/// A solve allocates its buffers once: running more iterations must not allocate more on the CPU backend. The only
/// difference allowed between a 10- and a 30-iteration solve is the residual history, sized by the iteration limit.
/// </summary>
public sealed class SolveAllocationTests
{
    public static TheoryData<SolverKind, PreconditionerKind> Pairs => new()
    {
        { SolverKind.Cg, PreconditionerKind.None },
        { SolverKind.Cg, PreconditionerKind.Jacobi },
        { SolverKind.Cg, PreconditionerKind.Ic0 },
        { SolverKind.BiCgStab, PreconditionerKind.Ilu0 },
        { SolverKind.Gmres, PreconditionerKind.Ssor },
        { SolverKind.Gmres, PreconditionerKind.None },
        { SolverKind.Minres, PreconditionerKind.Jacobi },
        { SolverKind.Cgls, PreconditionerKind.None },
        { SolverKind.Lsqr, PreconditionerKind.None },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void More_iterations_allocate_nothing_more(SolverKind solver, PreconditionerKind preconditioner)
    {
        var a = ModelProblems.Poisson2D(40);
        var b = SolverTestMatrices.RandomVector(a.Rows, 1);
        // GMRES restarts every 7 iterations here, so restarts are counted too.
        SolveOptions Options(int iterations) => new() { Solver = solver, Preconditioner = preconditioner, Tolerance = 1e-15, MaxIterations = iterations, Restart = 7 };
        void Solve(int iterations) => Assert.Equal(iterations, Solving.Solve(a, b, Options(iterations)).Iterations);

        Solve(30);
        var extra = ThreadAllocations.Fewest(() => Solve(30)) - ThreadAllocations.Fewest(() => Solve(10));

        Assert.InRange(extra, 0, 20 * sizeof(double) + 32);
    }
}
