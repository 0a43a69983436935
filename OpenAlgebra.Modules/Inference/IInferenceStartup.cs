namespace OpenAlgebra.Modules.Inference;

/// <summary>What the server does for analyses as it starts, after the schema is migrated.</summary>
public interface IInferenceStartup
{
    /// <summary>
    /// Registers this build's engine versions (refusing defaults changed under a registered version), publishes the
    /// validation and queue gauges, and, where the job storage does not outlive the process (the embedded profile's
    /// in-memory Hangfire), queues again every analysis that was Queued or Running when the process stopped.
    /// </summary>
    /// <returns>How many analyses were queued again.</returns>
    Task<int> StartAsync(CancellationToken cancellationToken = default);
}
