using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>Queued → Running → Succeeded | Failed | Cancelled (a queued analysis may also be cancelled before it runs).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnalysisState>))]
public enum AnalysisState { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>
/// What a clinician asks for. <paramref name="Seeds"/> is <c>{"&lt;label&gt;": [[i, j, k], …], …}</c> with positive
/// integer labels and voxel indices in the series volume's grid (i column, j row, k slice). Values arrive as JSON so
/// that a wrong shape is reported against the field it is in.
/// </summary>
/// <param name="InputMaskAnalysisId">A succeeded analysis of the same series whose mask the engine takes as input (e.g. what <c>quantify</c> measures).</param>
/// <param name="ReferenceMaskAnalysisId">A succeeded analysis of the same series whose mask is the reference to score against.</param>
public sealed record AnalysisSubmission(
    string? SeriesId,
    string? Engine,
    string? Version,
    JsonNode? Parameters,
    JsonNode? Seeds,
    AuditActor Actor,
    string? InputMaskAnalysisId = null,
    string? ReferenceMaskAnalysisId = null);

/// <summary>One analysis as the API shows it.</summary>
/// <param name="Parameters">The parameters it runs with: the engine version's defaults overlaid with the request's.</param>
/// <param name="Results">The result files that can be fetched: some of <c>mask.nii.gz</c>, <c>seg.dcm</c>, <c>metrics.json</c>
/// (and <c>metrics.csv</c> with <c>metrics.json</c>).</param>
/// <param name="DerivedSeriesId">The new series an engine such as <c>tv-denoise</c> produced.</param>
public sealed record Analysis(
    string Id,
    string SeriesId,
    string Engine,
    string Version,
    AnalysisState State,
    int Progress,
    string? Message,
    string? Reason,
    bool CancelRequested,
    JsonObject Parameters,
    JsonObject Seeds,
    string? InputMaskAnalysisId,
    string? ReferenceMaskAnalysisId,
    string Queue,
    int Attempts,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<string> Results,
    string? DerivedSeriesId,
    AnalysisReview? Review);

/// <summary>How many analyses of a series are in each state, and how many succeeded ones nobody has reviewed yet.</summary>
public sealed record AnalysisTally(int Queued, int Running, int Succeeded, int Failed, int Cancelled, int AwaitingReview)
{
    public static AnalysisTally None { get; } = new(0, 0, 0, 0, 0, 0);

    public int Total => Queued + Running + Succeeded + Failed + Cancelled;

    public AnalysisTally Add(AnalysisTally other) => new(Queued + other.Queued, Running + other.Running, Succeeded + other.Succeeded,
        Failed + other.Failed, Cancelled + other.Cancelled, AwaitingReview + other.AwaitingReview);
}

/// <summary>A clinician's sign-off of a succeeded analysis.</summary>
public sealed record AnalysisReview(string Decision, string? Comment, string ReviewedBy, DateTimeOffset ReviewedAt);

/// <summary>Filter of the analysis list, newest first; all optional. <paramref name="State"/> is a state name, checked.</summary>
/// <param name="CreatedBy">The user name that submitted them (a clinician's own analyses).</param>
public sealed record AnalysisQuery(string? SeriesId = null, string? State = null, int Limit = 100, string? CreatedBy = null)
{
    public const int MaxLimit = 500;
}

/// <summary>A result file, decrypted and integrity-checked as it is read.</summary>
public sealed record AnalysisResultFile(string Name, string ContentType, Stream Content);

public static class AnalysisResultNames
{
    public const string Mask = "mask.nii.gz";
    public const string Segmentation = "seg.dcm";
    public const string Metrics = "metrics.json";

    /// <summary>The metrics as CSV, made from <see cref="Metrics"/> when fetched: available wherever that is, not stored, not in <see cref="All"/>.</summary>
    public const string MetricsCsv = "metrics.csv";

    public static IReadOnlyList<string> All { get; } = [Mask, Segmentation, Metrics];
}
