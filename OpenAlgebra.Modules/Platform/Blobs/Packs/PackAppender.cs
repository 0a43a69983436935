using System.Buffers;

namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>
/// This process's end of the pack files: puts of known size reserve a range and write it side by side with others;
/// a put of unknown size holds the end while it writes. A pack past <paramref name="packLimit"/> bytes is left for a
/// new one. Every pack this process opened stays open until it is disposed, since a group commit flushes them.
/// </summary>
internal sealed class PackAppender(string folder, long packLimit) : IDisposable
{
    // Written in small pieces: one 512 KiB write into a large pack made the kernel's copy into the page cache several
    // times dearer per byte than 32 KiB writes (Linux 6.18, ext4 with large folios: 21% of an upload's processor time
    // against 3% in the ingest benchmark's profile).
    private const int CopyBuffer = 32 << 10;

    private readonly SemaphoreSlim _end = new(1, 1);
    private readonly List<PackFile> _opened = [];
    private PackFile? _active;

    /// <summary>Whether this process appends to the pack file of that name (a sweep must leave it alone).</summary>
    public bool Owns(string pack)
    {
        lock (_opened)
        {
            return _opened.Exists(p => p.Name == pack);
        }
    }

    /// <summary>Writes exactly <paramref name="size"/> bytes of <paramref name="content"/> into a range of their own.</summary>
    public async Task<(PackFile Pack, PackLocation Location)> WriteAsync(Stream content, long size, CancellationToken cancellationToken)
    {
        PackFile pack;
        long at;
        await _end.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            pack = Current(size);
            at = pack.Reserve(size);
        }
        finally
        {
            _end.Release();
        }

        try
        {
            var written = await CopyAsync(content, pack, at, size, cancellationToken).ConfigureAwait(false);
            if (written != size || content.ReadByte() >= 0)
            {
                throw new IOException($"The content to store was to be {size} bytes long, but it {(written < size ? $"ended after {written}" : "went on")}.");
            }
        }
        catch
        {
            pack.GiveBack(at, size);
            throw;
        }

        return (pack, new PackLocation(pack.Name, at, size));
    }

    /// <summary>Writes all of <paramref name="content"/> at the end, which no other put may take meanwhile.</summary>
    public async Task<(PackFile Pack, PackLocation Location)> AppendAsync(Stream content, CancellationToken cancellationToken)
    {
        await _end.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pack = Current(0);
            var at = pack.End;
            // A failed copy leaves bytes past the end, which the next put overwrites.
            var written = await CopyAsync(content, pack, at, long.MaxValue, cancellationToken).ConfigureAwait(false);
            pack.Extend(written);
            return (pack, new PackLocation(pack.Name, at, written));
        }
        finally
        {
            _end.Release();
        }
    }

    public void Dispose()
    {
        lock (_opened)
        {
            _opened.ForEach(p => p.Dispose());
            _opened.Clear();
        }

        _end.Dispose();
    }

    private PackFile Current(long size)
    {
        if (_active is null || (_active.End > 0 && _active.End + size > packLimit))
        {
            _active = PackFile.Create(folder);
            lock (_opened)
            {
                _opened.Add(_active);
            }
        }

        return _active;
    }

    private static async Task<long> CopyAsync(Stream content, PackFile pack, long at, long most, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            var written = 0L;
            while (written < most)
            {
                // Whole pieces, so that every write but the last starts and ends on a block (ranges start on one): a
                // stream that hands out its header first would otherwise leave every later write straddling blocks.
                var wanted = (int)Math.Min(buffer.Length, most - written);
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                RandomAccess.Write(pack.Handle, buffer.AsSpan(0, read), at + written);
                written += read;
                if (read < wanted)
                {
                    break;
                }
            }

            return written;
        }
        finally
        {
            // The content is ciphertext in the product, but a caller may store anything.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
