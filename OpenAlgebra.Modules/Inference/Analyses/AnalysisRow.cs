using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Inference.Analyses;

// Settable properties: SQLite hands back 64-bit integers and PostgreSQL 32-bit ones, and Dapper converts into these.
internal sealed record AnalysisRow
{
    public string Id { get; init; } = "";
    public string SeriesId { get; init; } = "";
    public string Engine { get; init; } = "";
    public string EngineVersion { get; init; } = "";
    public string Queue { get; init; } = "";
    public string Parameters { get; init; } = "{}";
    public string Seeds { get; init; } = "{}";
    public string? InputMaskAnalysisId { get; init; }
    public string? ReferenceMaskAnalysisId { get; init; }
    public string State { get; init; } = "";
    public long Progress { get; init; }
    public string? Message { get; init; }
    public string? Reason { get; init; }
    public long CancelRequested { get; init; }
    public long Attempts { get; init; }
    public string? RunId { get; init; }
    public string? JobId { get; init; }
    public string CreatedBy { get; init; } = "";
    public string CreatedAt { get; init; } = "";
    public string? StartedAt { get; init; }
    public string? FinishedAt { get; init; }
    public string? MaskKey { get; init; }
    public string? MaskSha256 { get; init; }
    public string? SegKey { get; init; }
    public string? SegSha256 { get; init; }
    public string? MetricsKey { get; init; }
    public string? MetricsSha256 { get; init; }
    public string? DerivedSeriesId { get; init; }
    public string? ReviewDecision { get; init; }
    public string? ReviewComment { get; init; }
    public string? ReviewedBy { get; init; }
    public string? ReviewedAt { get; init; }

    public AnalysisState StateValue => Enum.Parse<AnalysisState>(State);

    /// <summary>The stored object of a result file, or null when the analysis has no such result.</summary>
    public (string Key, string Sha256)? Result(string name) => name switch
    {
        AnalysisResultNames.Mask when MaskKey is not null => (MaskKey, MaskSha256!),
        AnalysisResultNames.Segmentation when SegKey is not null => (SegKey, SegSha256!),
        AnalysisResultNames.Metrics when MetricsKey is not null => (MetricsKey, MetricsSha256!),
        _ => null,
    };

    public Analysis ToAnalysis() => new(
        Id, SeriesId, Engine, EngineVersion, StateValue, (int)Progress, Message, Reason, CancelRequested != 0,
        JsonNode.Parse(Parameters)!.AsObject(), JsonNode.Parse(Seeds)!.AsObject(), InputMaskAnalysisId, ReferenceMaskAnalysisId, Queue, (int)Attempts,
        CreatedBy, Timestamps.Parse(CreatedAt), StartedAt is null ? null : Timestamps.Parse(StartedAt), FinishedAt is null ? null : Timestamps.Parse(FinishedAt),
        AnalysisResultNames.All.Where(n => Result(n) is not null).ToList(), DerivedSeriesId,
        ReviewDecision is null ? null : new AnalysisReview(ReviewDecision, ReviewComment, ReviewedBy!, Timestamps.Parse(ReviewedAt!)));
}
