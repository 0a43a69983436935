using Hangfire;
using Hangfire.InMemory;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Inference.Jobs;

/// <summary>Puts analyses on Hangfire: heavy engines on <c>gpu</c>, light ones on <c>default</c>; keeps the queued gauge current.</summary>
internal sealed class AnalysisQueue(IBackgroundJobClient jobs, JobStorage storage, AnalysisStore store)
{
    public static string For(EngineWorkload workload) => workload == EngineWorkload.Heavy ? JobQueues.Gpu : JobQueues.Default;

    /// <summary>In-memory job storage (the embedded profile) loses its queue when the process stops; the analyses table does not.</summary>
    public bool ForgetsOnRestart => storage is InMemoryStorage;

    /// <returns>The Hangfire job id.</returns>
    public string Enqueue(string analysisId, string queue) =>
        // The queue travels with the job, so Hangfire's retries of a gpu job stay on gpu.
        jobs.Enqueue<AnalysisJob>(queue, job => job.RunAsync(analysisId, CancellationToken.None));

    public void Delete(string jobId) => jobs.Delete(jobId);

    public async Task RefreshGaugeAsync(CancellationToken cancellationToken)
    {
        var counts = await store.QueuedCountsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var queue in new[] { JobQueues.Gpu, JobQueues.Default })
        {
            JobMetrics.Queued.WithLabels(queue).Set(counts.Where(c => c.Queue == queue).Sum(c => c.Count));
        }
    }
}
