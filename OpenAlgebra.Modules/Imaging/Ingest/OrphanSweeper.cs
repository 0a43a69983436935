using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Imaging.Ingest;

internal sealed class OrphanSweeper(IBlobStore blobs, IEncryptedObjectStore objects, IStudyIndex index, ServerLease lease, TimeProvider clock)
    : IOrphanSweeper
{
    // An object marked pending this recently may belong to an upload still running on another instance.
    private static readonly TimeSpan PendingGrace = TimeSpan.FromHours(1);

    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        // A server alone on the embedded database knows every mark from before its start is a dead process's.
        var grace = lease.DatabaseWorkAbandonedBefore is { } abandoned ? Min(PendingGrace, clock.GetUtcNow() - abandoned) : PendingGrace;
        var known = await index.ObjectKeysAsync(grace, cancellationToken).ConfigureAwait(false);
        var orphans = new List<string>();
        await foreach (var name in blobs.ListAsync("instances/", cancellationToken).ConfigureAwait(false))
        {
            var key = name.EndsWith(".dek", StringComparison.Ordinal) ? name[..^4] : name;
            if (!known.Contains(key) && !orphans.Contains(key))
            {
                orphans.Add(key);
            }
        }

        foreach (var key in orphans)
        {
            await objects.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            await index.ClearPendingAsync(key, cancellationToken).ConfigureAwait(false);
        }

        if (lease.FilesAbandonedBefore is { } before)
        {
            await blobs.DeleteAbandonedWritesAsync(before, cancellationToken).ConfigureAwait(false);
        }

        return orphans.Count;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
