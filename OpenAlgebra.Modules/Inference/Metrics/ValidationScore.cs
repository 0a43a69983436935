using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>
/// How well an engine's output matches a validation case, from 0 to 1: the mean Dice over the labels in the truth or
/// the output when the engine produced a mask; for a measuring engine, the fraction of the expected metrics it reported
/// (each within a relative 1e-6). The registry's gate compares the mean over an engine's cases with 0.90.
/// </summary>
internal static class ValidationScore
{
    public const double Gate = 0.90;

    public static double Of(ValidationCase validation, AnalysisOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(output);
        if (validation.ExpectedMetrics is { } expected)
        {
            var (matched, total) = Compare(expected, output.Metrics);
            return total == 0 ? 0 : (double)matched / total;
        }

        if (output.Mask is null)
        {
            return 0;
        }

        return MeanDice(output.Mask, validation.Truth, cancellationToken);
    }

    /// <summary>The mean Dice over every label in either mask; 1 when both are empty.</summary>
    public static double MeanDice(LabelMask mask, LabelMask truth, CancellationToken cancellationToken = default)
    {
        var overlaps = LabelOverlap.Measure(mask, truth, cancellationToken);
        return overlaps.Count == 0 ? 1 : overlaps.Average(o => o.Dice ?? 0);
    }

    /// <summary>Counts the expected numbers (leaves) and how many the actual JSON holds at the same path.</summary>
    private static (int Matched, int Total) Compare(JsonNode? expected, JsonNode? actual)
    {
        switch (expected)
        {
            case JsonObject obj:
                return obj.Aggregate((0, 0), (sum, p) => Add(sum, Compare(p.Value, actual is JsonObject a && a.TryGetPropertyValue(p.Key, out var v) ? v : null)));
            case JsonArray array:
                return array.Select((e, n) => Compare(e, actual is JsonArray a && n < a.Count ? a[n] : null)).Aggregate((0, 0), Add);
            case JsonValue when JsonNumber.TryRead(expected, out var want):
                var got = JsonNumber.TryRead(actual, out var number) ? number : double.NaN;
                return (Math.Abs(got - want) <= 1e-6 * Math.Max(1, Math.Abs(want)) ? 1 : 0, 1);
            default:
                return (JsonNode.DeepEquals(expected, actual) ? 1 : 0, 1);
        }
    }

    private static (int, int) Add((int Matched, int Total) a, (int Matched, int Total) b) => (a.Matched + b.Matched, a.Total + b.Total);
}
