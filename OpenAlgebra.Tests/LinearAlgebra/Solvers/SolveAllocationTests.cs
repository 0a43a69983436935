using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

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
        long Allocated(int iterations)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = Solving.Solve(a, b, Options(iterations));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(iterations, result.Iterations);
            return allocated;
        }

        // Tiered compilation may swap in optimised code during a measured solve, and the runtime allocates on the calling
        // thread when it does; a real per-iteration allocation shows in every trial, so the smallest of a few counts.
        Allocated(30);
        var extra = Enumerable.Range(0, 3).Min(_ => Allocated(30) - Allocated(10));

        Assert.InRange(extra, 0, 20 * sizeof(double) + 32);
    }
}
