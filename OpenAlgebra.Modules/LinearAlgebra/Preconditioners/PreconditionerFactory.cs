using Microsoft.Extensions.Logging;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners;

/// <summary>Builds the preconditioner a solve asks for, once per matrix, on the solve's backend.</summary>
internal sealed partial class PreconditionerFactory(ILogger<PreconditionerFactory> logger)
{
    /// <returns>Null for <see cref="PreconditionerKind.None"/>.</returns>
    /// <exception cref="ArgumentException">A does not admit the preconditioner (the message names the row).</exception>
    /// <exception cref="OperationCanceledException">Cancelled while a long setup (AMG's) was under way.</exception>
    public IPreconditioner? Create(PreconditionerKind kind, CsrMatrix<double> a, ILinearAlgebraBackend backend, SolveOptions options,
        CancellationToken cancellationToken) => kind switch
    {
        PreconditionerKind.None => null,
        PreconditionerKind.Jacobi => new JacobiPreconditioner(backend, a),
        PreconditionerKind.Ilu0 => new IncompleteLu0(backend, a),
        PreconditionerKind.Ic0 => IncompleteCholesky(backend, a),
        PreconditionerKind.Ssor => new SsorPreconditioner(backend, a, options.SsorRelaxation),
        PreconditionerKind.Amg => SmoothedAggregationAmg.Create(backend, a, cancellationToken: cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown preconditioner."),
    };

    private IncompleteCholesky0 IncompleteCholesky(ILinearAlgebraBackend backend, CsrMatrix<double> a)
    {
        var preconditioner = new IncompleteCholesky0(backend, a);
        if (preconditioner.Shift > 0)
            LogShift(preconditioner.Shift);
        return preconditioner;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IC(0) met a nonpositive pivot, so it factored A + {Shift}·I instead")]
    private partial void LogShift(double shift);
}
