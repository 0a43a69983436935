using System.Text.Json.Nodes;

namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>
/// One validation phantom: a request with its known truth mask; the gate scores the engine's mask by Dice. An engine
/// that measures rather than segments (<c>quantify</c>) outputs no mask: its case carries the metrics it must report
/// instead, and <c>Truth</c> is the mask it measures. <c>Metrics.ValidationScore</c> scores either kind.
/// </summary>
/// <param name="ExpectedMetrics">Numbers the output's metrics must hold at the same JSON paths (a subset of them); null when the mask is scored.</param>
public sealed record ValidationCase(string Name, AnalysisRequest Request, LabelMask Truth, JsonObject? ExpectedMetrics = null);
