namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary><c>OpenAlgebra:Upload</c>: how much one multipart upload may bring in, and where it waits on disk.</summary>
public sealed class UploadOptions
{
    public const string Section = "OpenAlgebra:Upload";

    /// <summary>
    /// The whole multipart body, headers and boundaries included. The endpoint should raise Kestrel's own request
    /// size limit to this value, or Kestrel refuses the body first at its 30 MB default.
    /// </summary>
    public long MaxRequestBytes { get; set; } = 2L << 30;

    /// <summary>
    /// One DICOM or NIfTI file, sent as a part or extracted from an archive. A zip part is bounded by
    /// <see cref="MaxRequestBytes"/> only: it is a container, not a file the pipeline reads.
    /// </summary>
    public long MaxFileBytes { get; set; } = 1L << 30;

    /// <summary>File parts in one request (form fields and entries inside archives are not counted here).</summary>
    public int MaxFiles { get; set; } = 5000;

    /// <summary>Where parts and extracted entries wait; unset means <c>&lt;data&gt;/tmp/uploads</c>. Relative paths
    /// resolve against the data directory. They hold identified data, so the folders are created owner-only.</summary>
    public string? TempDirectory { get; set; }

    public ZipLimitOptions Zip { get; set; } = new();

    /// <summary>What is wrong with these options, one sentence each naming the key; empty when they are usable.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Positive(problems, MaxRequestBytes, nameof(MaxRequestBytes));
        Positive(problems, MaxFileBytes, nameof(MaxFileBytes));
        Positive(problems, MaxFiles, nameof(MaxFiles));
        Positive(problems, Zip.MaxEntries, $"{nameof(Zip)}:{nameof(Zip.MaxEntries)}");
        Positive(problems, Zip.MaxUncompressedBytes, $"{nameof(Zip)}:{nameof(Zip.MaxUncompressedBytes)}");
        Positive(problems, Zip.MaxCompressionRatio, $"{nameof(Zip)}:{nameof(Zip.MaxCompressionRatio)}");
        if (Zip.MaxNesting is < 0 or > ZipLimitOptions.DeepestNesting)
        {
            problems.Add($"{Section}:{nameof(Zip)}:{nameof(Zip.MaxNesting)} must be 0 (a zip inside a zip is refused) or 1 (one level is opened), not {Zip.MaxNesting}.");
        }

        if (TempDirectory is { } temp && (temp.Trim().Length == 0 || temp.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            problems.Add($"{Section}:{nameof(TempDirectory)} must be a folder path; leave it unset for <data>/tmp/uploads.");
        }

        return problems;
    }

    private static void Positive(List<string> problems, long value, string key)
    {
        if (value < 1)
        {
            problems.Add($"{Section}:{key} must be at least 1, not {value}.");
        }
    }
}

/// <summary>
/// <c>OpenAlgebra:Upload:Zip</c>: what the archives of one upload may expand to (zip bombs). Counts are of the
/// whole upload, every archive and nested archive together, so sending many archives buys no more disk or time.
/// </summary>
public sealed class ZipLimitOptions
{
    /// <summary>The deepest <see cref="MaxNesting"/> allowed: no DICOM export we know nests deeper, and each level
    /// is one more copy on disk.</summary>
    public const int DeepestNesting = 1;

    /// <summary>Central-directory records (files, folders, DICOMDIR) across the upload's archives.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>Bytes actually inflated out of the upload's archives, nested archives included.</summary>
    public long MaxUncompressedBytes { get; set; } = 4L << 30;

    /// <summary>
    /// Inflated bytes per compressed byte, for each entry and for each archive as a whole (n means n:1). Only
    /// checked past the first MiB inflated, since tiny or empty files compress arbitrarily well and cost nothing.
    /// </summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>0: a zip inside an uploaded zip is refused with a reason; 1 (default): it is opened, its own zips are refused.</summary>
    public int MaxNesting { get; set; } = 1;
}
