namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// What a solve produced. Not converging and breaking down are results (<see cref="Converged"/> false with a
/// <see cref="Reason"/>), not exceptions; only invalid input throws.
/// </summary>
public sealed record SolveResult(
    double[] Solution,
    bool Converged,
    int Iterations,
    double RelativeResidual,
    IReadOnlyList<double> ResidualHistory,
    TimeSpan Elapsed,
    string Backend,
    SolverKind Solver,
    PreconditionerKind Preconditioner,
    string? Reason);
