namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// One upload's temp files, straight under the temp root (a folder per upload would cost a directory to create and
/// remove on every request): owner-only, each under a name of its own, and given back together, emptied, when the upload
/// is disposed (see <see cref="SpareSpoolFiles"/>).
/// </summary>
internal sealed class UploadTempFiles : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const int WriteSize = 64 << 10;

    private readonly string _root;
    private readonly SpareSpoolFiles _spares;
    private readonly HashSet<string> _owned = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private UploadTempFiles(string root, SpareSpoolFiles spares)
    {
        _root = root;
        _spares = spares;
    }

    public static UploadTempFiles Create(string root, SpareSpoolFiles spares)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
        }
        else
        {
            Directory.CreateDirectory(root, OwnerOnlyFolder);
        }

        return new UploadTempFiles(root, spares);
    }

    /// <summary>
    /// A new empty file (a spare when one waits). Its writes are gathered into whole, block-aligned pieces: a multipart
    /// reader hands out pieces of any length, and writes that straddle file-system blocks cost ext4 more than the copy.
    /// </summary>
    public FileStream CreateFile()
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".part");
        var options = new FileStreamOptions
        {
            Mode = _spares.TryTake(path) ? FileMode.Open : FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = WriteSize,
        };
        if (!OperatingSystem.IsWindows() && options.Mode == FileMode.CreateNew)
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        lock (_lock)
        {
            _owned.Add(path);
        }

        return new FileStream(path, options);
    }

    /// <summary>Gives one file back (emptied) as soon as it is no longer needed; a file given back already is left alone.</summary>
    public void Release(string path)
    {
        lock (_lock)
        {
            if (!_owned.Remove(path))
            {
                return;
            }
        }

        _spares.GiveBack(path);
    }

    public void Dispose()
    {
        string[] left;
        lock (_lock)
        {
            left = [.. _owned];
            _owned.Clear();
        }

        foreach (var path in left)
        {
            try
            {
                _spares.GiveBack(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Held open (Windows): the start-up sweep removes what is left after an hour.
            }
        }
    }
}
