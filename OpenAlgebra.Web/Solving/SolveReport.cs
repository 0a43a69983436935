using OpenAlgebra.Modules.LinearAlgebra.Jobs;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Web.Solving;

/// <summary>
/// A solve's outcome as the command line prints it and the API returns it (camelCase JSON).
/// <paramref name="RelativeResidual"/> is null when the solve broke down before forming one: JSON has no NaN.
/// </summary>
internal sealed record SolveReport(bool Converged, int Iterations, double? RelativeResidual, double Seconds, string Backend, string Solver,
    string Precond, string? Reason)
{
    public static SolveReport Of(SolveSummary summary) => new(summary.Converged, summary.Iterations,
        double.IsFinite(summary.RelativeResidual) ? summary.RelativeResidual : null, summary.Seconds, summary.Backend,
        SolveOptionNames.Of(summary.Solver), SolveOptionNames.Of(summary.Preconditioner), summary.Reason);
}
