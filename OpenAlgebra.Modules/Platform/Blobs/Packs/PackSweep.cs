namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>
/// Gives back the pack ranges nobody reads: ranges freed by deletes and replacements once no reader can still hold them,
/// and, in packs no running process writes to, whatever no object claims (puts cut short by a dead process) — a pack
/// left with no object at all is deleted.
/// </summary>
internal sealed class PackSweep(string folder, PackCatalog catalog, PackAppender appender)
{
    /// <summary>How long a freed range stays readable: a stream opened on an object before its delete may still be read.</summary>
    public static readonly TimeSpan ReaderGrace = TimeSpan.FromMinutes(10);

    /// <returns>How many freed ranges were given back.</returns>
    public async Task<int> ReclaimFreedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await catalog.FreedAsync((now - ReaderGrace).ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        foreach (var range in due)
        {
            var path = Path.Combine(folder, range.Pack);
            if (!File.Exists(path))
            {
                continue;
            }

            using var pack = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            HolePunch.Range(pack, range.At, PackFile.Extent(range.Length));
        }

        await catalog.ForgetFreedAsync(due, cancellationToken).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>Sweeps the packs last written before <paramref name="before"/>, when no running process wrote to any.</summary>
    /// <returns>How many unclaimed ranges were punched out or empty packs deleted.</returns>
    public async Task<int> SweepAbandonedAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var swept = 0;
        var freedBefore = before.ToUnixTimeMilliseconds();
        foreach (var path in Directory.EnumerateFiles(folder, "*" + PackFolder.Extension))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (File.GetLastWriteTimeUtc(path) >= before.UtcDateTime || appender.Owns(name))
            {
                continue;
            }

            var kept = await catalog.KeptAsync(name, freedBefore, cancellationToken).ConfigureAwait(false);
            if (kept.Count == 0)
            {
                File.Delete(path);
                swept++;
            }
            else
            {
                swept += PunchGaps(path, kept);
            }

            await catalog.ForgetFreedInAsync(name, freedBefore, cancellationToken).ConfigureAwait(false);
        }

        return swept;
    }

    /// <summary>Punches out the gaps between the kept ranges (whole blocks, since ranges start on blocks) and cuts off the tail after them.</summary>
    private static int PunchGaps(string path, IReadOnlyList<PackLocation> kept)
    {
        using var pack = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var punched = 0;
        var cursor = 0L;
        foreach (var range in kept)
        {
            if (range.At > cursor && HolePunch.HasData(pack, cursor, range.At - cursor))
            {
                HolePunch.Range(pack, cursor, range.At - cursor);
                punched++;
            }

            cursor = Math.Max(cursor, range.At + PackFile.Extent(range.Length));
        }

        if (RandomAccess.GetLength(pack) > cursor)
        {
            RandomAccess.SetLength(pack, cursor);
            punched++;
        }

        return punched;
    }
}
