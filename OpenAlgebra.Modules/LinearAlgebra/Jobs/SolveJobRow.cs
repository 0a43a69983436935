using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>A <c>linalg_jobs</c> row as Dapper reads it (SQLite hands integers back as 64-bit, hence the longs).</summary>
internal sealed class SolveJobRow
{
    public string Id { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string State { get; set; } = nameof(SolveJobState.Queued);
    public long MatrixRows { get; set; }
    public long MatrixColumns { get; set; }
    public long NonZeros { get; set; }
    public string Solver { get; set; } = "";
    public string Preconditioner { get; set; } = "";
    public string BackendRequested { get; set; } = "";
    public double Tolerance { get; set; }
    public long MaxIterations { get; set; }
    public string? MatrixKey { get; set; }
    public string? MatrixSha256 { get; set; }
    public string? RhsKey { get; set; }
    public string? RhsSha256 { get; set; }
    public string? SolutionKey { get; set; }
    public string? SolutionSha256 { get; set; }
    public long? Converged { get; set; }
    public long? Iterations { get; set; }

    /// <summary>Null for NaN or infinity, which SQLite cannot store.</summary>
    public double? RelativeResidual { get; set; }

    public double? Seconds { get; set; }
    public string? Backend { get; set; }
    public string? Reason { get; set; }
    public string? Error { get; set; }
    public long Attempts { get; set; }
    public string? RunId { get; set; }
    public string? JobId { get; set; }
    public string CreatedAt { get; set; } = "";
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }

    public SolveOptions Options => new()
    {
        Solver = Enum.Parse<SolverKind>(Solver),
        Preconditioner = Enum.Parse<PreconditionerKind>(Preconditioner),
        Backend = Enum.Parse<BackendPreference>(BackendRequested),
        Tolerance = Tolerance,
        MaxIterations = checked((int)MaxIterations),
    };

    public static SolveJobRow For(string id, SolveRequest request, DateTimeOffset now) => new()
    {
        Id = id,
        OwnerId = request.OwnerId,
        MatrixRows = request.Matrix.Rows,
        MatrixColumns = request.Matrix.Columns,
        NonZeros = request.Matrix.NonZeros,
        Solver = request.Options.Solver.ToString(),
        Preconditioner = request.Options.Preconditioner.ToString(),
        BackendRequested = request.Options.Backend.ToString(),
        Tolerance = request.Options.Tolerance,
        MaxIterations = request.Options.MaxIterations,
        CreatedAt = Timestamps.ToText(now),
    };

    public void Record(SolveSummary result)
    {
        Converged = result.Converged ? 1 : 0;
        Iterations = result.Iterations;
        RelativeResidual = double.IsFinite(result.RelativeResidual) ? result.RelativeResidual : null;
        Seconds = result.Seconds;
        Backend = result.Backend;
        Reason = result.Reason;
    }

    public SolveJob ToJob()
    {
        var options = Options;
        var result = Converged is { } converged
            ? new SolveSummary(converged != 0, checked((int)Iterations!.Value), RelativeResidual ?? double.NaN, Seconds ?? 0, Backend ?? "",
                options.Solver, options.Preconditioner, Reason)
            : null;
        return new SolveJob(Id, Enum.Parse<SolveJobState>(State), checked((int)MatrixRows), checked((int)MatrixColumns), NonZeros,
            options.Solver, options.Preconditioner, options.Backend, Tolerance, options.MaxIterations, Timestamps.Parse(CreatedAt),
            StartedAt is null ? null : Timestamps.Parse(StartedAt), FinishedAt is null ? null : Timestamps.Parse(FinishedAt),
            result, Error, SolutionKey is not null);
    }
}
