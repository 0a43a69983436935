namespace OpenAlgebra.Modules.Imaging.Ingest.Zip;

/// <summary>
/// Checks an entry name before anything is extracted. Nothing here ever becomes a path on disk (temp files are
/// numbered), but a name that would climb out of a folder when unzipped elsewhere marks a hostile archive and
/// must not reach a page or report either. Backslashes count as separators, as Windows tools write and read
/// them, so <c>..\evil.dcm</c> is caught like <c>../evil.dcm</c>.
/// </summary>
internal static class EntryPath
{
    /// <summary>The name with '/' separators and no empty or "." segments, or the reason it is refused.</summary>
    public static (string? Path, string? Problem) Normalize(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return (null, "has a NUL character in its name, a trick to hide what the name really is");
        }

        var unified = name.Replace('\\', '/');
        if (unified.StartsWith('/'))
        {
            return (null, "has an absolute path; entries must be relative to the archive");
        }

        if (unified.Contains(':', StringComparison.Ordinal))
        {
            return (null, "has ':' in its name (a drive letter or an NTFS stream); entries must be relative to the archive");
        }

        var segments = unified.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Contains(".."))
        {
            return (null, "has '..' in its path, which would climb out of the folder it is unzipped into (path traversal)");
        }

        return (string.Join('/', segments.Where(s => s != ".")), null);
    }
}
