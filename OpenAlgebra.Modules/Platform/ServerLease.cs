using Microsoft.Extensions.Options;

namespace OpenAlgebra.Modules.Platform;

/// <summary>
/// A running server's claim on its data directory: a shared lock on <c>&lt;data&gt;/server.lock</c>, held for the
/// life of the process and released by the operating system however the process ends. At start the lock is first
/// asked for alone; that is granted only when no other server runs on the data directory, and then whatever is
/// half-done in it (an object being written, an upload being spooled, a pending mark in the embedded database) was
/// left by a process that has stopped, and start-up may clear it now instead of waiting for it to age.
/// </summary>
public sealed class ServerLease(PlatformPaths paths, IOptions<PlatformOptions> options, TimeProvider clock) : IDisposable
{
    public const string FileName = "server.lock";

    private FileStream? _shared;

    /// <summary>
    /// Set by <see cref="Acquire"/> when no other server held the data directory: files under it last written before
    /// this instant belong to no running process. Null before, and when another server was running.
    /// </summary>
    public DateTimeOffset? FilesAbandonedBefore { get; private set; }

    /// <summary>
    /// <see cref="FilesAbandonedBefore"/> when the metadata database is the data directory's own SQLite file; null for
    /// PostgreSQL, which servers with other data directories may be writing to.
    /// </summary>
    public DateTimeOffset? DatabaseWorkAbandonedBefore =>
        options.Value.Database.Provider == DatabaseProviders.Sqlite ? FilesAbandonedBefore : null;

    /// <summary>Takes the lock; the host calls it once at start, before anything else touches the data directory.</summary>
    public void Acquire()
    {
        if (_shared is not null)
        {
            throw new InvalidOperationException("The server lease is already held.");
        }

        Directory.CreateDirectory(paths.DataDirectory);
        var path = Path.Combine(paths.DataDirectory, FileName);
        var now = clock.GetUtcNow();
        var alone = false;
        if (!FileLockingDisabled())
        {
            try
            {
                // FileShare.None takes an exclusive lock (flock on Unix): refused while any other server holds its shared one.
                using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                    alone = true;
                }
            }
            catch (IOException)
            {
                // Another server runs on this data directory: its work in progress must be left alone.
            }
        }

        // Opened for reading, .NET takes a shared lock on every file system, so later servers see this one.
        _shared = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        FilesAbandonedBefore = alone ? now : null;
    }

    public void Dispose() => _shared?.Dispose();

    /// <summary>With locking switched off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING), every server would think itself alone.</summary>
    private static bool FileLockingDisabled() =>
        (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled)
        || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true" or "True" or "TRUE";
}
