using Hangfire;
using Hangfire.InMemory;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>Puts solve jobs on Hangfire's <c>gpu</c> queue, whose worker count is the number of GPU slots.</summary>
internal sealed class SolveJobQueue(IBackgroundJobClient jobs, JobStorage storage)
{
    public const string Queue = "gpu";

    /// <summary>In-memory job storage (the embedded profile) loses its queue when the process stops; the jobs table does not.</summary>
    public bool ForgetsOnRestart => storage is InMemoryStorage;

    /// <returns>The Hangfire job id.</returns>
    public string Enqueue(string jobId) =>
        // The queue travels with the job, so Hangfire's retries stay on gpu.
        jobs.Enqueue<SolveJobRunner>(Queue, runner => runner.RunAsync(jobId, CancellationToken.None));
}
