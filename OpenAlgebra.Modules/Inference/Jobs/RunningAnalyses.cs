using System.Collections.Concurrent;

namespace OpenAlgebra.Modules.Inference.Jobs;

/// <summary>
/// The analyses running in this process, each with the source that cancels it: a cancel request served here stops the
/// engine at once; one served by another instance reaches it through the row, which the job polls.
/// </summary>
internal sealed class RunningAnalyses
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>Registers a run; disposing the returned handle forgets it.</summary>
    public Registration Register(string analysisId)
    {
        var source = new CancellationTokenSource();
        _running[analysisId] = source;
        return new Registration(this, analysisId, source);
    }

    public void Cancel(string analysisId)
    {
        if (_running.TryGetValue(analysisId, out var source))
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended between the lookup and the cancel.
            }
        }
    }

    public sealed class Registration(RunningAnalyses owner, string analysisId, CancellationTokenSource source) : IDisposable
    {
        public CancellationTokenSource Source => source;

        public void Dispose()
        {
            owner._running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(analysisId, source));
            source.Dispose();
        }
    }
}
