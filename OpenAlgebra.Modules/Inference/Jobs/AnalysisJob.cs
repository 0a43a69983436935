using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Modules.Inference.Results;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Inference.Jobs;

/// <summary>
/// One attempt at an analysis, as Hangfire runs it. The row decides: a finished analysis is left alone (so a duplicate
/// or late retry stores nothing), a queued or interrupted one is claimed by this run, and only the run that holds it
/// may record its end. The engine's token fires on a cancel request, the time limit, or the worker stopping; only the
/// last leaves the analysis Running, for Hangfire's retry (or the embedded profile's re-queue at start).
/// </summary>
internal sealed partial class AnalysisJob(
    AnalysisStore store,
    EngineCatalog catalog,
    ISeriesVolumes volumes,
    MaskInputs masks,
    ResultWriter results,
    RunningAnalyses running,
    AnalysisQueue queue,
    IAuditTrail audit,
    IOptions<AnalysisOptions> options,
    TimeProvider clock,
    ILogger<AnalysisJob> logger)
{
    /// <summary>
    /// Hangfire retries a failed attempt (as many times as <see cref="AnalysisOptions.MostAttempts"/> allows); the row
    /// counts attempts too and ends the analysis at the configured number, so a crash loop also ends.
    /// </summary>
    [AutomaticRetry(Attempts = AnalysisOptions.MostAttempts - 1, DelaysInSeconds = [5, 30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(string analysisId, CancellationToken cancellationToken)
    {
        var runId = Ids.New();
        using var registration = running.Register(analysisId);
        var claimed = await store.ClaimAsync(analysisId, runId, cancellationToken).ConfigureAwait(false);
        await queue.RefreshGaugeAsync(cancellationToken).ConfigureAwait(false);
        if (claimed is not { } claim)
        {
            LogFinishedAlready(logger, analysisId);
            return;
        }

        var analysis = claim.Row;
        if (claim.PreviousRunId is { } previous)
        {
            await results.DeleteRunAsync(analysisId, previous, cancellationToken).ConfigureAwait(false);
        }

        var limits = options.Value;
        if (analysis.CancelRequested != 0)
        {
            await store.FinishAsync(analysisId, runId, AnalysisState.Cancelled, null, "cancelled before it ran", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (analysis.Attempts > limits.MaxAttempts)
        {
            await FailAsync(analysis, runId, $"gave up after {limits.MaxAttempts} attempts: each was cut off before it finished").ConfigureAwait(false);
            return;
        }

        if (catalog.Find(analysis.Engine, analysis.EngineVersion) is not { } engine)
        {
            await FailAsync(analysis, runId, $"this build has no code for {analysis.Engine} {analysis.EngineVersion}").ConfigureAwait(false);
            return;
        }

        await RunAsync(analysis, runId, engine, registration.Source, limits, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(AnalysisRow analysis, string runId, IAnalysisEngine engine, CancellationTokenSource cancel, AnalysisOptions limits,
        CancellationToken shutdown)
    {
        using var timeLimit = new CancellationTokenSource(TimeSpan.FromMinutes(limits.TimeLimitMinutes), clock);
        using var lost = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, cancel.Token, timeLimit.Token, lost.Token);
        var monitor = new AnalysisMonitor(store, analysis.Id, runId, cancel, lost, logger);
        try
        {
            monitor.Report(new AnalysisProgress(0, "loading the series"));
            var volume = await volumes.GetAsync(analysis.SeriesId, linked.Token).ConfigureAwait(false)
                ?? throw new AnalysisInputException($"series '{analysis.SeriesId}' no longer exists");
            var request = new AnalysisRequest(volume, JsonNode.Parse(analysis.Parameters)!.AsObject(), SeedList.Parse(analysis.Seeds),
                await masks.LoadAsync(analysis.InputMaskAnalysisId, volume, linked.Token).ConfigureAwait(false),
                await masks.LoadAsync(analysis.ReferenceMaskAnalysisId, volume, linked.Token).ConfigureAwait(false));
            var output = await engine.RunAsync(request, monitor, linked.Token).ConfigureAwait(false);
            linked.Token.ThrowIfCancellationRequested();
            monitor.Report(new AnalysisProgress(99, "storing the results"));
            // Stored whole or not at all: a cancel that arrives now is too late to matter, and a half-written result helps no one.
            var stored = await results.WriteAsync(analysis, runId, engine, volume, output, CancellationToken.None).ConfigureAwait(false);
            await monitor.DisposeAsync().ConfigureAwait(false);
            if (!await store.SucceedAsync(analysis.Id, runId, stored, "done", CancellationToken.None).ConfigureAwait(false))
            {
                // Another run holds the analysis now: its results are the ones recorded.
                await results.DeleteRunAsync(analysis.Id, runId, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            await audit.RecordAsync(new AuditEvent(AuditActor.System, AuditEventIds.DicomInstancesAccessed, AuditActions.Create, AuditOutcomes.Success,
                ObjectType: "analysis", ObjectId: analysis.Id,
                Detail: $"{engine.Name} {engine.Version} on series {analysis.SeriesId} succeeded: {string.Join(", ", stored.Keys.Select(k => k[(k.LastIndexOf('/') + 1)..]))}"
                    + (stored.DerivedSeriesId is null ? "" : $", derived series {stored.DerivedSeriesId}")), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            LogLost(logger, analysis.Id);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await store.FinishAsync(analysis.Id, runId, AnalysisState.Cancelled, null, "cancelled while running", CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeLimit.IsCancellationRequested)
        {
            await FailAsync(analysis, runId, string.Create(CultureInfo.InvariantCulture,
                $"ran past the time limit of {limits.TimeLimitMinutes} minutes (OpenAlgebra:Analyses:TimeLimitMinutes)")).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            await store.InterruptedAsync(analysis.Id, runId, "interrupted: the worker stopped; it runs again when a worker takes it up",
                CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is AnalysisInputException or VolumeBuildException)
        {
            await FailAsync(analysis, runId, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (analysis.Attempts < limits.MaxAttempts)
            {
                LogAttemptFailed(logger, e, analysis.Id, (int)analysis.Attempts);
                await store.MessageAsync(analysis.Id, runId, $"attempt {analysis.Attempts} failed ({e.Message}); it will be retried", CancellationToken.None)
                    .ConfigureAwait(false);
                throw;
            }

            await FailAsync(analysis, runId, $"failed after {analysis.Attempts} attempts: {e.Message}").ConfigureAwait(false);
        }
        finally
        {
            await monitor.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task FailAsync(AnalysisRow analysis, string runId, string reason)
    {
        await store.FinishAsync(analysis.Id, runId, AnalysisState.Failed, reason, "failed", CancellationToken.None).ConfigureAwait(false);
        await results.DeleteRunAsync(analysis.Id, runId, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} is finished already (or gone): nothing to run")]
    private static partial void LogFinishedAlready(ILogger logger, string analysisId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} was taken over by another run; this run stops without storing")]
    private static partial void LogLost(ILogger logger, string analysisId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis {AnalysisId}: attempt {Attempt} failed; Hangfire retries it")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string analysisId, int attempt);
}
