using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>
/// At server start, queues again the solve jobs that in-memory job storage forgot when the process stopped (the
/// embedded profile). PostgreSQL job storage keeps its queue, and Hangfire resumes those jobs itself.
/// </summary>
internal sealed partial class SolveJobRecovery(SolveJobStore store, SolveJobQueue queue, ILogger<SolveJobRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!queue.ForgetsOnRestart)
            return;
        var unfinished = await store.UnfinishedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var job in unfinished)
            await store.SetJobAsync(job.Id, queue.Enqueue(job.Id), cancellationToken).ConfigureAwait(false);
        if (unfinished.Count > 0)
            LogRequeued(logger, unfinished.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} unfinished solve jobs again (the in-memory job storage forgot them when the process stopped)")]
    private static partial void LogRequeued(ILogger logger, int count);
}
