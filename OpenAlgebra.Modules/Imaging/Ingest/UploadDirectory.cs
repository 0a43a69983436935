namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// One upload's private folder under the temp root: owner-only (the files are still identified), files numbered
/// in arrival order, and deleted as a whole when the upload is disposed.
/// </summary>
internal sealed class UploadDirectory : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private int _files;

    private UploadDirectory(string path) => Path = path;

    public string Path { get; }

    public static UploadDirectory Create(string root)
    {
        CreateOwnerOnly(root);
        var path = System.IO.Path.Combine(root, Guid.NewGuid().ToString("N"));
        CreateOwnerOnly(path);
        return new UploadDirectory(path);
    }

    /// <summary>A new empty file, written without a FileStream buffer: callers write whole chunks. Safe from several tasks at once.</summary>
    public FileStream CreateFile()
    {
        var path = System.IO.Path.Combine(Path, $"{Interlocked.Increment(ref _files):D5}.part");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return new FileStream(path, options);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or a file is held open (Windows): the start-up sweep removes what is left after an hour.
        }
    }

    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }
}
