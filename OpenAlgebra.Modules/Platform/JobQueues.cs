namespace OpenAlgebra.Modules.Platform;

/// <summary>The Hangfire queues: <c>gpu</c> for work that holds a GPU slot (its workers are <see cref="JobOptions.GpuWorkers"/>), <c>default</c> for the rest.</summary>
public static class JobQueues
{
    public const string Default = "default";
    public const string Gpu = "gpu";
}
