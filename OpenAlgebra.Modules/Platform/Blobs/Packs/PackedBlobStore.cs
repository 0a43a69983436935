using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>
/// The filesystem store: objects appended to a few large pack files under <c>blobs/Packs</c>, with a catalog of where
/// each lies. A put writes its range, then a group commit flushes the pack and records the range, so an object whose
/// put returned survives a power cut, and one cut short is never seen. Creating, flushing and renaming a file per object
/// took a fifth of an upload's processor time on ext4 (allocating the inode above all); a pack costs one flush per group. Deletes free the range,
/// which is punched out of the pack once no reader can still hold it. Objects stored as files of their own before packs
/// existed are still read, listed and deleted there.
/// </summary>
internal sealed partial class PackedBlobStore : IBlobStore, IDisposable
{
    /// <summary>A pack takes new objects until it holds this many bytes.</summary>
    private const long PackLimit = 1L << 30;

    private static readonly TimeSpan ReclaimEvery = TimeSpan.FromMinutes(1);

    private readonly string _root;
    private readonly string _folder;
    private readonly FileSystemBlobStore _files;
    private readonly PackCatalog _catalog;
    private readonly PackAppender _appender;
    private readonly PackCommits _commits;
    private readonly PackSweep _sweep;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private long _nextReclaim;

    public PackedBlobStore(string root, TimeProvider clock, ILogger<PackedBlobStore> logger)
    {
        _logger = logger;
        _root = root;
        _folder = Path.Combine(root, PackFolder.Name);
        _clock = clock;
        _files = new FileSystemBlobStore(root);
        _catalog = new PackCatalog(Path.Combine(_folder, PackFolder.CatalogFile));
        _appender = new PackAppender(_folder, PackLimit);
        _commits = new PackCommits(_catalog, clock);
        _sweep = new PackSweep(_folder, _catalog, _appender);
        _nextReclaim = clock.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public string Kind => "filesystem";

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        var (pack, location) = SizeOf(content) is { } size
            ? await _appender.WriteAsync(content, size, cancellationToken).ConfigureAwait(false)
            : await _appender.AppendAsync(content, cancellationToken).ConfigureAwait(false);
        try
        {
            await _commits.CommitAsync(key, pack, location).ConfigureAwait(false);
        }
        catch
        {
            pack.GiveBack(location.At, location.Length);
            throw;
        }

        // An object of the same key stored as a file before packs is replaced now.
        await _files.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        await ReclaimWhenDueAsync().ConfigureAwait(false);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        if (await _catalog.FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } location)
        {
            return await _files.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        }

        var path = Path.Combine(_folder, location.Pack);
        try
        {
            var pack = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new PackRangeStream(pack, location.Pack, location.At, location.Length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException($"The object {key} is catalogued in the pack file {path}, which is missing.", e);
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        var packed = await _catalog.DeleteAsync(key, _clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        return await _files.DeleteAsync(key, cancellationToken).ConfigureAwait(false) || packed;
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var packed = await _catalog.KeysAsync(prefix, cancellationToken).ConfigureAwait(false);
        foreach (var key in packed)
        {
            yield return key;
        }

        var seen = packed.ToHashSet(StringComparer.Ordinal);
        await foreach (var key in _files.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (!seen.Contains(key))
            {
                yield return key;
            }
        }
    }

    public async Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        await _files.DeleteAbandonedWritesAsync(before, cancellationToken).ConfigureAwait(false)
        + await _sweep.SweepAbandonedAsync(before, cancellationToken).ConfigureAwait(false);

    public Task ProbeAsync(CancellationToken cancellationToken = default) =>
        BlobProbe.RunAsync(this, $"Blob store at {_root}", cancellationToken);

    public void Dispose()
    {
        _commits.Dispose();
        _appender.Dispose();
        _files.Dispose();
    }

    private static long? SizeOf(Stream content) => content switch
    {
        { CanSeek: true } => content.Length - content.Position,
        ISizedStream sized => sized.Size,
        _ => null,
    };

    /// <summary>At most once a minute, a put gives back the ranges freed long enough ago.</summary>
    private async Task ReclaimWhenDueAsync()
    {
        var now = _clock.GetUtcNow();
        var due = Interlocked.Read(ref _nextReclaim);
        if (now.ToUnixTimeMilliseconds() < due ||
            Interlocked.CompareExchange(ref _nextReclaim, (now + ReclaimEvery).ToUnixTimeMilliseconds(), due) != due)
        {
            return;
        }

        try
        {
            await _sweep.ReclaimFreedAsync(now, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The put itself is committed; the freed ranges wait for the next try.
            ReclaimFailed(_logger, e, _folder);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the freed ranges of the packs in {Folder}; tried again in a minute")]
    private static partial void ReclaimFailed(ILogger logger, Exception error, string folder);
}
