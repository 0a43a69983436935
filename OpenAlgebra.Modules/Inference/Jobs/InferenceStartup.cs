using Microsoft.Extensions.Logging;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Inference.Registry;

namespace OpenAlgebra.Modules.Inference.Jobs;

internal sealed partial class InferenceStartup(EngineRegistry registry, AnalysisStore store, AnalysisQueue queue, ILogger<InferenceStartup> logger)
    : IInferenceStartup
{
    public async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        await registry.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        var requeued = 0;
        if (queue.ForgetsOnRestart)
        {
            foreach (var analysis in await store.UnfinishedAsync(cancellationToken).ConfigureAwait(false))
            {
                await store.SetJobAsync(analysis.Id, queue.Enqueue(analysis.Id, analysis.Queue), cancellationToken).ConfigureAwait(false);
                requeued++;
            }

            if (requeued > 0)
            {
                LogRequeued(logger, requeued);
            }
        }

        await queue.RefreshGaugeAsync(cancellationToken).ConfigureAwait(false);
        return requeued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} unfinished analyses again (the in-memory job storage forgot them when the process stopped)")]
    private static partial void LogRequeued(ILogger logger, int count);
}
