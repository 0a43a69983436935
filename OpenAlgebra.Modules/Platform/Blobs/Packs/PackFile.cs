using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>
/// One pack file this process appends objects to. Each put reserves its own range first, so puts of known length write
/// side by side; the pack is flushed once for all the puts of a group commit.
/// </summary>
internal sealed class PackFile : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Every range starts on a file-system block: a range given back then frees whole blocks, and a hole is told from data
    /// at block granularity, so a sweep knows what it punched before.
    /// </summary>
    private const long Block = 4096;

    private long _end;

    private PackFile(string name, SafeFileHandle handle)
    {
        Name = name;
        Handle = handle;
    }

    public string Name { get; }

    public SafeFileHandle Handle { get; }

    /// <summary>Bytes reserved so far.</summary>
    public long End => Interlocked.Read(ref _end);

    /// <summary>A new, empty pack whose name is on disk before any object in it is committed.</summary>
    public static PackFile Create(string folder)
    {
        var name = $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}{PackFolder.Extension}";
        var path = Path.Combine(folder, name);
        FolderFlush.CreateDurably(folder);

        // Shared, not exclusive: readers (in this process and others) open the pack while it grows.
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(handle, OwnerOnly);
        }

        FolderFlush.FlushNow(folder);
        return new PackFile(name, handle);
    }

    /// <summary>The room a range of <paramref name="length"/> bytes takes: whole blocks.</summary>
    public static long Extent(long length) => (length + Block - 1) / Block * Block;

    /// <summary>Reserves room for <paramref name="length"/> bytes at the end; the caller makes sure nobody else appends meanwhile.</summary>
    public long Reserve(long length) => Interlocked.Add(ref _end, Extent(length)) - Extent(length);

    /// <summary>Moves the end past an append of unknown length, written at the old end while no other put reserved.</summary>
    public void Extend(long written) => Interlocked.Add(ref _end, Extent(written));

    public void Flush() => RandomAccess.FlushToDisk(Handle);

    /// <summary>Gives the blocks of a range that no key will point at (a put that failed) back to the file system.</summary>
    public void GiveBack(long at, long length) => HolePunch.Range(Handle, at, Extent(length));

    public void Dispose() => Handle.Dispose();
}
