namespace OpenAlgebra.Modules.Inference;

/// <summary>The <c>OpenAlgebra:Analyses</c> section.</summary>
public sealed class AnalysisOptions
{
    public const string Section = "OpenAlgebra:Analyses";

    /// <summary>How long one attempt of an analysis may run, from loading the series to storing the results.</summary>
    public int TimeLimitMinutes { get; set; } = 60;

    /// <summary>The most <see cref="MaxAttempts"/> can be: the job's first run and Hangfire's retries of it.</summary>
    public const int MostAttempts = 5;

    /// <summary>Attempts before an analysis that keeps failing (or keeps being cut off by a crash) is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Memory for decoded masks shown over the images (one byte a voxel: a 512×512×300 mask is 75 MB).</summary>
    public int MaskCacheMegabytes { get; set; } = 256;
}
