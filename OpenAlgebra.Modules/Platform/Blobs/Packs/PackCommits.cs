using System.Collections.Concurrent;

namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>
/// Makes written ranges durable and visible: the packs they are in are flushed, then the catalog points their keys at
/// them, so a key never points at bytes a power cut could lose. Puts that arrive while a commit runs go together in
/// the next one (group commit): one flush per pack and one catalog transaction for all of them.
/// </summary>
internal sealed class PackCommits(PackCatalog catalog, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentQueue<Pending> _waiting = new();

    public async Task CommitAsync(string key, PackFile pack, PackLocation location)
    {
        var pending = new Pending(key, pack, location);
        _waiting.Enqueue(pending);
        // Every commit takes all that waits, so by the time this put gets the turn it is either done or in the next one.
        await _turn.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!pending.Done.Task.IsCompleted)
            {
                await CommitWaitingAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }

        await pending.Done.Task.ConfigureAwait(false);
    }

    public void Dispose() => _turn.Dispose();

    private async Task CommitWaitingAsync()
    {
        var batch = new List<Pending>();
        while (_waiting.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            foreach (var pack in batch.Select(p => p.Pack).Distinct())
            {
                pack.Flush();
            }

            await catalog.CommitAsync([.. batch.Select(p => (p.Key, p.Location))], clock.GetUtcNow().ToUnixTimeMilliseconds()).ConfigureAwait(false);
            batch.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception e)
        {
            batch.ForEach(p => p.Done.TrySetException(e));
        }
    }

    private sealed record Pending(string Key, PackFile Pack, PackLocation Location)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
