using Dapper;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>
/// The analyses table. Every state change is one guarded UPDATE (the state it leaves, and for a running analysis the
/// run that holds it, are in the WHERE clause), so two workers, a retry and a cancel can race without a row ever
/// leaving a final state or taking two results.
/// </summary>
internal sealed class AnalysisStore(ISqlDatabase database, TimeProvider clock)
{
    private const string Columns =
        "id AS Id, series_id AS SeriesId, engine AS Engine, engine_version AS EngineVersion, queue AS Queue, parameters AS Parameters, " +
        "seeds AS Seeds, input_mask_analysis_id AS InputMaskAnalysisId, reference_mask_analysis_id AS ReferenceMaskAnalysisId, state AS State, " +
        "progress AS Progress, message AS Message, reason AS Reason, cancel_requested AS CancelRequested, attempts AS Attempts, run_id AS RunId, " +
        "job_id AS JobId, created_by AS CreatedBy, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, " +
        "mask_key AS MaskKey, mask_sha256 AS MaskSha256, seg_key AS SegKey, seg_sha256 AS SegSha256, metrics_key AS MetricsKey, " +
        "metrics_sha256 AS MetricsSha256, derived_series_id AS DerivedSeriesId, review_decision AS ReviewDecision, review_comment AS ReviewComment, " +
        "reviewed_by AS ReviewedBy, reviewed_at AS ReviewedAt";

    public async Task InsertAsync(AnalysisRow row, CancellationToken cancellationToken)
    {
        await ExecuteAsync("""
            INSERT INTO analyses (id, series_id, engine, engine_version, queue, parameters, seeds, input_mask_analysis_id, reference_mask_analysis_id,
                state, message, created_by, created_at)
            VALUES (@Id, @SeriesId, @Engine, @EngineVersion, @Queue, @Parameters, @Seeds, @InputMaskAnalysisId, @ReferenceMaskAnalysisId,
                @State, @Message, @CreatedBy, @CreatedAt)
            """, row, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AnalysisRow?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<AnalysisRow>(new CommandDefinition(
            $"SELECT {Columns} FROM analyses WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AnalysisRow>> ListAsync(string? seriesId, string? state, string? createdBy, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AnalysisRow>(new CommandDefinition($"""
            SELECT {Columns} FROM analyses
            WHERE (@seriesId IS NULL OR series_id = @seriesId) AND (@state IS NULL OR state = @state) AND (@createdBy IS NULL OR created_by = @createdBy)
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """, new { seriesId, state, createdBy, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Analyses of these series counted by series, state and whether they were reviewed.</summary>
    public async Task<IReadOnlyList<(string SeriesId, string State, bool Reviewed, int Count)>> CountAsync(IReadOnlyCollection<string> seriesIds,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // BIGINT on both databases, so the tuple reads the same types from SQLite and PostgreSQL.
        var rows = await connection.QueryAsync<(string, string, long, long)>(new CommandDefinition("""
            SELECT series_id, state, CAST(CASE WHEN review_decision IS NULL THEN 0 ELSE 1 END AS BIGINT) AS reviewed, CAST(COUNT(*) AS BIGINT)
            FROM analyses WHERE series_id IN @seriesIds
            GROUP BY series_id, state, CASE WHEN review_decision IS NULL THEN 0 ELSE 1 END
            """, new { seriesIds = seriesIds.Distinct(StringComparer.Ordinal).ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => (r.Item1, r.Item2, r.Item3 == 1, (int)r.Item4)).ToList();
    }

    /// <summary>Analyses a restart must queue again: those that were waiting or running when the process stopped.</summary>
    public async Task<IReadOnlyList<AnalysisRow>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AnalysisRow>(new CommandDefinition(
            $"SELECT {Columns} FROM analyses WHERE state IN ('Queued', 'Running') ORDER BY created_at, id", cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<IReadOnlyList<(string Queue, long Count)>> QueuedCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT queue, CAST(COUNT(*) AS BIGINT) FROM analyses WHERE state = 'Queued' GROUP BY queue", cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return rows.ToList();
    }

    public Task SetJobAsync(string id, string jobId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE analyses SET job_id = @jobId WHERE id = @id", new { id, jobId }, cancellationToken);

    /// <returns>True when the analysis was still queued and is now cancelled.</returns>
    public async Task<bool> CancelQueuedAsync(string id, string message, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE analyses SET state = 'Cancelled', cancel_requested = 1, message = @message, finished_at = @now
            WHERE id = @id AND state = 'Queued'
            """, new { id, message, now = Now() }, cancellationToken).ConfigureAwait(false) == 1;

    /// <returns>True when the analysis is running and now carries the request to stop.</returns>
    public async Task<bool> RequestCancelAsync(string id, string message, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE analyses SET cancel_requested = 1, message = @message WHERE id = @id AND state = 'Running'",
            new { id, message }, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>
    /// Takes the analysis for run <paramref name="runId"/>: from Queued, or from Running when the run holding it is gone
    /// (a crash, a stopped worker). The previous run's id comes back so its partial objects can be removed.
    /// </summary>
    /// <returns>The row as claimed, with the previous run id; null when the analysis is finished or unknown.</returns>
    public async Task<(AnalysisRow Row, string? PreviousRunId)?> ClaimAsync(string id, string runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var previous = await connection.QuerySingleOrDefaultAsync<AnalysisRow>(new CommandDefinition(
            $"SELECT {Columns} FROM analyses WHERE id = @id AND state IN ('Queued', 'Running'){database.Dialect.ForUpdate}",
            new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (previous is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE analyses SET state = 'Running', run_id = @runId, attempts = attempts + 1, started_at = COALESCE(started_at, @now),
                message = 'starting'
            WHERE id = @id
            """, new { id, runId, now = Now() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var claimed = await connection.QuerySingleAsync<AnalysisRow>(new CommandDefinition(
            $"SELECT {Columns} FROM analyses WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (claimed, previous.RunId);
    }

    /// <returns>False when the run no longer holds the analysis (another run took it over, or it was finished).</returns>
    public async Task<bool> ProgressAsync(string id, string runId, int progress, string message, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE analyses SET progress = @progress, message = @message WHERE id = @id AND run_id = @runId AND state = 'Running'
            """, new { id, runId, progress, message }, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>What a running job polls for: whether a stop was asked, and whether it still holds the analysis.</summary>
    public async Task<(bool CancelRequested, bool Held)> PollAsync(string id, string runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AnalysisRow>(new CommandDefinition(
            "SELECT cancel_requested AS CancelRequested, run_id AS RunId, state AS State FROM analyses WHERE id = @id", new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? (false, false) : (row.CancelRequested != 0, row.RunId == runId && row.State == nameof(AnalysisState.Running));
    }

    /// <returns>False when the run no longer holds the analysis: its results were not recorded.</returns>
    public async Task<bool> SucceedAsync(string id, string runId, StoredResults results, string message, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE analyses SET state = 'Succeeded', progress = 100, message = @message, finished_at = @now,
                mask_key = @MaskKey, mask_sha256 = @MaskSha256, seg_key = @SegKey, seg_sha256 = @SegSha256,
                metrics_key = @MetricsKey, metrics_sha256 = @MetricsSha256, derived_series_id = @DerivedSeriesId
            WHERE id = @id AND run_id = @runId AND state = 'Running'
            """, new
        {
            id, runId, message, now = Now(),
            MaskKey = results.Mask?.Key, MaskSha256 = results.Mask?.Sha256,
            SegKey = results.Segmentation?.Key, SegSha256 = results.Segmentation?.Sha256,
            MetricsKey = results.Metrics.Key, MetricsSha256 = results.Metrics.Sha256, results.DerivedSeriesId,
        }, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>Ends the analysis Failed or Cancelled, if this run still holds it.</summary>
    public async Task<bool> FinishAsync(string id, string runId, AnalysisState state, string? reason, string message, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE analyses SET state = @state, reason = @reason, message = @message, finished_at = @now
            WHERE id = @id AND run_id = @runId AND state = 'Running'
            """, new { id, runId, state = state.ToString(), reason, message, now = Now() }, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>A stopped worker is not a failed attempt: the attempt is given back and the row waits, Running, for its retry.</summary>
    public Task InterruptedAsync(string id, string runId, string message, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE analyses SET attempts = attempts - 1, message = @message WHERE id = @id AND run_id = @runId AND state = 'Running'",
            new { id, runId, message }, cancellationToken);

    public Task MessageAsync(string id, string runId, string message, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE analyses SET message = @message WHERE id = @id AND run_id = @runId AND state = 'Running'",
            new { id, runId, message }, cancellationToken);

    /// <returns>True when the analysis had succeeded and was not reviewed yet, and now carries the review.</returns>
    public async Task<bool> ReviewAsync(string id, string decision, string? comment, string by, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE analyses SET review_decision = @decision, review_comment = @comment, reviewed_by = @by, reviewed_at = @now
            WHERE id = @id AND state = 'Succeeded' AND review_decision IS NULL
            """, new { id, decision, comment, by, now = Now() }, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>Removes the analyses of a series (when its study is deleted); a job still running finds its row gone and stops.</summary>
    /// <returns>The object keys of their results, for the caller to delete.</returns>
    public async Task<IReadOnlyList<string>> DeleteForSeriesAsync(string seriesId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var keys = await connection.QueryAsync<(string?, string?, string?)>(new CommandDefinition(
            "SELECT mask_key, seg_key, metrics_key FROM analyses WHERE series_id = @seriesId", new { seriesId }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM analyses WHERE series_id = @seriesId", new { seriesId }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return keys.SelectMany(k => new[] { k.Item1, k.Item2, k.Item3 }).OfType<string>().ToList();
    }

    private string Now() => Timestamps.ToText(clock.GetUtcNow());

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
