using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OpenAlgebra.Modules.Platform.Blobs;

/// <summary>
/// Objects as files under <c>data/blobs</c>; writes go to a temporary file, flushed, renamed into place, and the folder
/// flushed too, so that a put that returned survives a power cut whole or, before the rename, not at all.
/// </summary>
internal sealed class FileSystemBlobStore(string root) : IBlobStore, IDisposable
{
    private const string TemporarySuffix = ".partial";

    private readonly ConcurrentDictionary<string, FolderFlush> _folders = new(StringComparer.Ordinal);

    public string Kind => "filesystem";

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        FolderFlush.CreateDurably(folder);

        var temporary = path + "." + Guid.NewGuid().ToString("N") + TemporarySuffix;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        await _folders.GetOrAdd(folder, f => new FolderFlush(f)).FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var key = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.StartsWith(Packs.PackFolder.Name + "/", StringComparison.Ordinal))
            {
                yield return key;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        if (!Directory.Exists(root))
        {
            return Task.FromResult(deleted);
        }

        foreach (var file in Directory.EnumerateFiles(root, "*" + TemporarySuffix, SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.GetLastWriteTimeUtc(file) < before.UtcDateTime)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    public Task ProbeAsync(CancellationToken cancellationToken = default) =>
        BlobProbe.RunAsync(this, $"Blob store at {root}", cancellationToken);

    public void Dispose()
    {
        foreach (var folder in _folders.Values)
        {
            folder.Dispose();
        }
    }

    private string PathOf(string key)
    {
        BlobKey.Validate(key);
        return Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
