using System.Text.Json.Serialization;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>
/// Queued → Running → Succeeded | Failed. Succeeded means the solve ran to a result, converged or not
/// (<see cref="SolveSummary.Converged"/> says which); Failed means it could not run (the reason is in <see cref="SolveJob.Error"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SolveJobState>))]
public enum SolveJobState { Queued, Running, Succeeded, Failed }

/// <summary>A solve someone asks for: A, b (null for b = A·1, see <see cref="ManufacturedRightHandSide"/>) and options.</summary>
/// <param name="OwnerId">The user id; only the owner sees the solve afterwards.</param>
public sealed record SolveRequest(CsrMatrix<double> Matrix, double[]? RightHandSide, SolveOptions Options, string OwnerId);

/// <summary>What a finished solve reported (see <see cref="SolveResult"/>).</summary>
/// <param name="RelativeResidual">NaN when the solve broke down before a residual could be formed.</param>
public sealed record SolveSummary(
    bool Converged,
    int Iterations,
    double RelativeResidual,
    double Seconds,
    string Backend,
    SolverKind Solver,
    PreconditionerKind Preconditioner,
    string? Reason)
{
    public static SolveSummary Of(SolveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Converged, result.Iterations, result.RelativeResidual, result.Elapsed.TotalSeconds, result.Backend, result.Solver,
            result.Preconditioner, result.Reason);
    }
}

/// <summary>One requested solve as its owner sees it.</summary>
/// <param name="HasSolution">Whether x can be downloaded (<see cref="ISolveRequests.OpenSolutionAsync"/>).</param>
public sealed record SolveJob(
    string Id,
    SolveJobState State,
    int Rows,
    int Columns,
    long NonZeros,
    SolverKind Solver,
    PreconditionerKind Preconditioner,
    BackendPreference Backend,
    double Tolerance,
    int MaxIterations,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    SolveSummary? Result,
    string? Error,
    bool HasSolution);

/// <summary>The answer to a submission.</summary>
/// <param name="Solution">x, when the solve ran during the submission (<see cref="LinearAlgebraOptions.InlineMaxNonZeros"/>); null for a queued job.</param>
public sealed record SolveSubmission(SolveJob Job, double[]? Solution);
