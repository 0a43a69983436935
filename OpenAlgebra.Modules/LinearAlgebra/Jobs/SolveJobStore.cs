using Dapper;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>
/// The <c>linalg_jobs</c> table. A running job's changes carry its run id and the state they leave in the WHERE clause,
/// so a retry that took the job over, or a duplicate execution, can never record a second result.
/// </summary>
internal sealed class SolveJobStore(ISqlDatabase database, TimeProvider clock)
{
    private const string Columns =
        "id AS Id, owner_id AS OwnerId, state AS State, matrix_rows AS MatrixRows, matrix_columns AS MatrixColumns, non_zeros AS NonZeros, " +
        "solver AS Solver, preconditioner AS Preconditioner, backend_requested AS BackendRequested, tolerance AS Tolerance, " +
        "max_iterations AS MaxIterations, matrix_key AS MatrixKey, matrix_sha256 AS MatrixSha256, rhs_key AS RhsKey, rhs_sha256 AS RhsSha256, " +
        "solution_key AS SolutionKey, solution_sha256 AS SolutionSha256, converged AS Converged, iterations AS Iterations, " +
        "relative_residual AS RelativeResidual, seconds AS Seconds, backend AS Backend, reason AS Reason, error AS Error, attempts AS Attempts, " +
        "run_id AS RunId, job_id AS JobId, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt";

    public Task InsertAsync(SolveJobRow row, CancellationToken cancellationToken) => ExecuteAsync("""
        INSERT INTO linalg_jobs (id, owner_id, state, matrix_rows, matrix_columns, non_zeros, solver, preconditioner, backend_requested,
            tolerance, max_iterations, matrix_key, matrix_sha256, rhs_key, rhs_sha256, solution_key, solution_sha256, converged, iterations,
            relative_residual, seconds, backend, reason, created_at, started_at, finished_at)
        VALUES (@Id, @OwnerId, @State, @MatrixRows, @MatrixColumns, @NonZeros, @Solver, @Preconditioner, @BackendRequested,
            @Tolerance, @MaxIterations, @MatrixKey, @MatrixSha256, @RhsKey, @RhsSha256, @SolutionKey, @SolutionSha256, @Converged, @Iterations,
            @RelativeResidual, @Seconds, @Backend, @Reason, @CreatedAt, @StartedAt, @FinishedAt)
        """, row, cancellationToken);

    public async Task<SolveJobRow?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<SolveJobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM linalg_jobs WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task SetJobAsync(string id, string jobId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE linalg_jobs SET job_id = @jobId WHERE id = @id", new { id, jobId }, cancellationToken);

    /// <summary>
    /// Takes a queued job, or one whose run was cut off (Running, left by a stopped worker), for the run
    /// <paramref name="runId"/>, counting the attempt.
    /// </summary>
    /// <returns>The row as this run holds it; null when the job is finished or gone.</returns>
    public async Task<SolveJobRow?> ClaimAsync(string id, string runId, CancellationToken cancellationToken)
    {
        var claimed = await ExecuteAsync("""
            UPDATE linalg_jobs SET state = 'Running', run_id = @runId, attempts = attempts + 1, started_at = COALESCE(started_at, @now)
            WHERE id = @id AND state IN ('Queued', 'Running')
            """, new { id, runId, now = Now() }, cancellationToken).ConfigureAwait(false);
        return claimed == 1 ? await GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <returns>False when the run no longer holds the job: the result was not recorded.</returns>
    public async Task<bool> SucceedAsync(string id, string runId, SolveJobRow result, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE linalg_jobs SET state = 'Succeeded', converged = @Converged, iterations = @Iterations, relative_residual = @RelativeResidual,
                seconds = @Seconds, backend = @Backend, reason = @Reason, solution_key = @SolutionKey, solution_sha256 = @SolutionSha256,
                matrix_key = NULL, matrix_sha256 = NULL, rhs_key = NULL, rhs_sha256 = NULL, finished_at = @now
            WHERE id = @id AND run_id = @runId AND state = 'Running'
            """, new
        {
            id, runId, now = Now(), result.Converged, result.Iterations, result.RelativeResidual, result.Seconds, result.Backend, result.Reason,
            result.SolutionKey, result.SolutionSha256,
        }, cancellationToken).ConfigureAwait(false) == 1;

    /// <returns>False when the run no longer holds the job.</returns>
    public async Task<bool> FailAsync(string id, string runId, string error, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE linalg_jobs SET state = 'Failed', error = @error, matrix_key = NULL, matrix_sha256 = NULL, rhs_key = NULL, rhs_sha256 = NULL,
                finished_at = @now
            WHERE id = @id AND run_id = @runId AND state = 'Running'
            """, new { id, runId, error, now = Now() }, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>A stopped worker is not a failed attempt: the attempt is given back and the job waits, Running, for its retry.</summary>
    public Task InterruptedAsync(string id, string runId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE linalg_jobs SET attempts = attempts - 1 WHERE id = @id AND run_id = @runId AND state = 'Running'",
            new { id, runId }, cancellationToken);

    public async Task<IReadOnlyList<SolveJobRow>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<SolveJobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM linalg_jobs WHERE state IN ('Queued', 'Running') ORDER BY created_at", cancellationToken: cancellationToken))
            .ConfigureAwait(false)];
    }

    /// <summary>Removes the finished jobs that ended before <paramref name="before"/>.</summary>
    /// <returns>The object keys they held, for the caller to delete.</returns>
    public async Task<IReadOnlyList<string>> DeleteFinishedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new { before = Timestamps.ToText(before) };
        const string Where = "WHERE state IN ('Succeeded', 'Failed') AND finished_at < @before";
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT solution_key FROM linalg_jobs {Where} AND solution_key IS NOT NULL", parameters, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM linalg_jobs {Where}", parameters, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. keys];
    }

    private string Now() => Timestamps.ToText(clock.GetUtcNow());

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
