namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// Removes what a crashed or killed process left under the upload temp root. Only what has not been written for
/// <see cref="MinimumAge"/> goes, so a sweep at the start of one instance spares the uploads another instance
/// sharing the folder (blue-green) is still reading; when the host knows it is alone on the folder, everything
/// written before it started goes at once.
/// </summary>
internal static class StaleUploadSweep
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    /// <param name="abandonedBefore">When set, files last written before it belong to no running process.</param>
    /// <returns>How many upload folders and stray files were deleted.</returns>
    public static int Run(string root, DateTimeOffset now, DateTimeOffset? abandonedBefore = null)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var aged = now - MinimumAge;
        var cutoff = (abandonedBefore is { } before && before > aged ? before : aged).UtcDateTime;
        var deleted = 0;
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos())
        {
            try
            {
                if (LastWrite(entry) >= cutoff)
                {
                    continue;
                }

                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }

                deleted++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Deleted meanwhile by its own upload, or not ours to delete: the next sweep looks again.
            }
        }

        return deleted;
    }

    /// <summary>A folder's own time changes only when files come or go, so the newest file inside counts too.</summary>
    private static DateTime LastWrite(FileSystemInfo entry)
    {
        var newest = entry.LastWriteTimeUtc;
        if (entry is DirectoryInfo folder)
        {
            foreach (var file in folder.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                newest = file.LastWriteTimeUtc > newest ? file.LastWriteTimeUtc : newest;
            }
        }

        return newest;
    }
}
