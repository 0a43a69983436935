using System.Diagnostics;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// Runs one solve end to end: validates the request, picks the backend, uploads A and b, builds the preconditioner, runs
/// the method and brings x back. Every buffer lives for this call only, so concurrent solves share nothing.
/// </summary>
internal sealed class LinearSolver(BackendSelector backends, PreconditionerFactory preconditioners) : ILinearSolver
{
    public SolveResult Solve(CsrMatrix<double> a, ReadOnlySpan<double> b, SolveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(options);
        SolveInputs.Validate(a, b, options);
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();

        using var backend = backends.Create(options.Backend);
        if (!b.ContainsAnyExcept(0.0))
        {
            return new SolveResult(
                new double[a.Columns], true, 0, 0, [0.0], Stopwatch.GetElapsedTime(started), backend.Name,
                options.Solver, options.Preconditioner, null);
        }

        using var matrix = backend.Upload(a);
        using var rhs = backend.Allocate(a.Rows);
        backend.CopyToDevice(b, rhs);
        using var x = backend.Allocate(a.Columns);
        if (options.InitialGuess is { } guess)
            backend.CopyToDevice(guess, x);
        else
            backend.Fill(x, 0);
        using var preconditioner = preconditioners.Create(options.Preconditioner, a, backend, options, cancellationToken);
        using var session = new SolveSession(backend, matrix, rhs, x, preconditioner, options, cancellationToken);

        SolveOutcome outcome;
        if (session.ReferenceNorm == 0)
        {
            // Least squares with Aᵀb = 0: b is orthogonal to A's range, and x = 0 is the minimum-norm solution.
            backend.Fill(x, 0);
            session.Record(0, 0);
            outcome = new SolveOutcome(true, 0, 0, null);
        }
        else
        {
            outcome = Method(options.Solver).Run(session);
        }

        var solution = new double[a.Columns];
        backend.CopyToHost(x, solution);
        options.Progress?.Report(new SolveProgress(outcome.Iterations, outcome.RelativeResidual));
        return new SolveResult(
            solution, outcome.Converged, outcome.Iterations, outcome.RelativeResidual, session.History,
            Stopwatch.GetElapsedTime(started), backend.Name, options.Solver, options.Preconditioner, outcome.Reason);
    }

    private static IIterativeMethod Method(SolverKind solver) => solver switch
    {
        SolverKind.Cg => new ConjugateGradient(),
        SolverKind.BiCgStab => new BiCgStab(),
        SolverKind.Gmres => new RestartedGmres(),
        SolverKind.Minres => new Minres(),
        SolverKind.Cgls => new Cgls(),
        SolverKind.Lsqr => new Lsqr(),
        _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, "Unknown solver."),
    };
}
