namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// How an iterative method ended: <see cref="RelativeResidual"/> is always measured from the solution itself
/// (b − A·x, or Aᵀ(b − A·x) for least squares), never taken from a method's recurrence.
/// </summary>
internal readonly record struct SolveOutcome(bool Converged, int Iterations, double RelativeResidual, string? Reason);
