namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// Spool files emptied by finished uploads, kept in a folder of their own for the next uploads instead of deleted. A file
/// system that will not reuse recently freed inodes (ext4 without a journal looks past every inode freed in the last
/// minutes) makes each new file slower to create the more files were deleted lately: deleting a spool file per upload
/// made creating files the largest single cost of an upload. A spare is emptied before it waits, so it holds nothing of
/// the upload that used it; at most <see cref="Capacity"/> wait, the rest are deleted, and the start-up sweep removes
/// spares left by a stopped process.
/// </summary>
internal sealed class SpareSpoolFiles(string root)
{
    public const string Folder = "spare";

    public const int Capacity = 64;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Queue<string> _waiting = new();
    private readonly Lock _lock = new();

    /// <summary>Moves a waiting spare to <paramref name="path"/>; false when none waits.</summary>
    public bool TryTake(string path)
    {
        while (Next() is { } spare)
        {
            try
            {
                File.Move(spare, path);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removed meanwhile by the start-up sweep of another instance sharing the folder: try the next one.
            }
        }

        return false;
    }

    /// <summary>Empties the file at <paramref name="path"/> and keeps it, or deletes it when enough wait already.</summary>
    public void GiveBack(string path)
    {
        try
        {
            using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write))
            {
                RandomAccess.SetLength(file, 0);
            }

            lock (_lock)
            {
                if (_waiting.Count < Capacity)
                {
                    var spare = Path.Combine(root, Folder, Guid.NewGuid().ToString("N"));
                    MoveIntoFolder(path, spare);
                    _waiting.Enqueue(spare);
                    return;
                }
            }

            File.Delete(path);
        }
        catch (FileNotFoundException)
        {
            // Already gone: nothing to keep.
        }
    }

    private string? Next()
    {
        lock (_lock)
        {
            return _waiting.TryDequeue(out var spare) ? spare : null;
        }
    }

    private static void MoveIntoFolder(string path, string spare)
    {
        try
        {
            File.Move(path, spare);
        }
        catch (DirectoryNotFoundException)
        {
            var folder = Path.GetDirectoryName(spare)!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }

            File.Move(path, spare);
        }
    }
}
