using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Jobs;

/// <summary>
/// Beside a running engine: takes its progress reports (any thread, any rate) and writes the latest to the row at most
/// once a second; polls the row four times a second for a cancel request made on another instance, and for the run
/// having lost the analysis to another run.
/// </summary>
internal sealed partial class AnalysisMonitor : IProgress<AnalysisProgress>, IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private readonly AnalysisStore _store;
    private readonly string _analysisId;
    private readonly string _runId;
    private readonly CancellationTokenSource _cancel;
    private readonly CancellationTokenSource _lost;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;
    private ProgressReport? _latest;
    private ProgressReport? _written;

    /// <param name="cancel">Cancelled when the row carries a cancel request.</param>
    /// <param name="lost">Cancelled when another run holds the analysis now, or its row is gone.</param>
    public AnalysisMonitor(AnalysisStore store, string analysisId, string runId, CancellationTokenSource cancel, CancellationTokenSource lost, ILogger logger)
    {
        _store = store;
        _analysisId = analysisId;
        _runId = runId;
        _cancel = cancel;
        _lost = lost;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    public void Report(AnalysisProgress value) =>
        Volatile.Write(ref _latest, new ProgressReport(Math.Clamp(value.Percent, 0, 100), value.Message ?? ""));

    /// <summary>Stops the loop and waits for it; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var lastWrite = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var latest = Volatile.Read(ref _latest);
                if (latest is not null && latest != _written && Stopwatch.GetElapsedTime(lastWrite) >= WriteInterval)
                {
                    _written = latest;
                    lastWrite = Stopwatch.GetTimestamp();
                    if (!await _store.ProgressAsync(_analysisId, _runId, latest.Percent, latest.Message, _stop.Token).ConfigureAwait(false))
                    {
                        await _lost.CancelAsync().ConfigureAwait(false);
                    }
                }

                var (cancelRequested, held) = await _store.PollAsync(_analysisId, _runId, _stop.Token).ConfigureAwait(false);
                if (cancelRequested)
                {
                    await _cancel.CancelAsync().ConfigureAwait(false);
                }

                if (!held)
                {
                    await _lost.CancelAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // A database hiccup must not stop the analysis; the next poll tries again.
                LogPollFailed(_logger, _analysisId, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis {AnalysisId}: could not write progress or poll for cancellation: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string analysisId, string reason);

    private sealed record ProgressReport(int Percent, string Message);
}
