using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Platform.Blobs;

/// <summary>
/// Makes the names in one folder durable: a file renamed into place is on disk only once its folder is flushed too
/// (fsync of the file covers its data, not the entry that names it), and an object whose index row outlived a power cut
/// must still be found under its name. Flushes are shared: one that starts after a caller's rename covers it, so writers
/// that arrive while one runs wait for the next and go together (group commit, as the index does).
/// </summary>
internal sealed class FolderFlush(string folder) : IDisposable
{
    private const int ReadOnly = 0;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly byte[] _path = NativePath(folder);
    private long _requested;
    private long _flushed;

    /// <summary>Returns once every rename into the folder that finished before the call is on disk.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            // NTFS journals its metadata: a completed rename survives a power cut without a flush of the folder.
            return;
        }

        var ticket = Interlocked.Increment(ref _requested);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _flushed) >= ticket)
            {
                return;
            }

            var covered = Volatile.Read(ref _requested);
            Flush(_path, folder);
            Volatile.Write(ref _flushed, covered);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Flushes a folder now, alone (a folder just created, whose own name must last).</summary>
    public static void FlushNow(string folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            Flush(NativePath(folder), folder);
        }
    }

    /// <summary>Creates <paramref name="folder"/> and the folders above it that are missing, each one's name flushed in its parent.</summary>
    public static void CreateDurably(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        var parent = Path.GetDirectoryName(folder);
        if (parent is not null)
        {
            CreateDurably(parent);
        }

        Directory.CreateDirectory(folder);
        if (parent is not null)
        {
            FlushNow(parent);
        }
    }

    public void Dispose() => _turn.Dispose();

    private static void Flush(byte[] path, string folder)
    {
        var descriptor = Open(path, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open the folder {folder} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush the folder {folder} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    private static byte[] NativePath(string folder) => System.Text.Encoding.UTF8.GetBytes(folder + '\0');

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
