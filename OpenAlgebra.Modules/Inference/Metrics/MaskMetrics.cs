using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>
/// The metrics JSON every mask-producing engine reports: per label its size and the statistics of the volume under
/// it, and against a reference mask (when given) Dice, Jaccard, Hausdorff 95 (mm), sensitivity and specificity.
/// </summary>
internal static class MaskMetrics
{
    public static JsonObject Measure(LabelMask mask, Volume volume, LabelMask? reference, CancellationToken cancellationToken)
    {
        var spacing = volume.Spacing;
        var metrics = new JsonObject
        {
            ["voxelVolumeMl"] = MaskGeometry.VoxelVolumeMl(volume),
            ["spacingMm"] = new JsonArray(spacing.I, spacing.J, spacing.K),
            ["labels"] = new JsonArray([.. LabelStatistics.Measure(mask, volume, cancellationToken).Select(ToJson)]),
        };
        if (reference is not null)
        {
            MaskGeometry.RequireSameGrid(reference, volume, "reference mask");
            var overlaps = LabelOverlap.Measure(mask, reference, cancellationToken);
            var distances = HausdorffDistance.Percentiles(mask, reference, spacing, 95, cancellationToken).ToDictionary(d => d.Label, d => d.Distance);
            metrics["reference"] = new JsonArray([.. overlaps.Select(o => ToJson(o, distances[o.Label]))]);
            metrics["meanDice"] = overlaps.Count == 0 ? null : overlaps.Average(o => o.Dice ?? 0);
        }

        return metrics;
    }

    private static JsonObject ToJson(LabelStatistics s) => new()
    {
        ["label"] = s.Label,
        ["voxelCount"] = s.VoxelCount,
        ["volumeMl"] = s.VolumeMl,
        ["mean"] = s.Mean,
        ["std"] = s.Std,
        ["min"] = s.Min,
        ["max"] = s.Max,
        ["boundingBox"] = new JsonObject
        {
            ["min"] = new JsonArray(s.Box.Min.I, s.Box.Min.J, s.Box.Min.K),
            ["max"] = new JsonArray(s.Box.Max.I, s.Box.Max.J, s.Box.Max.K),
        },
    };

    private static JsonObject ToJson(LabelOverlap o, double? hausdorff95) => new()
    {
        ["label"] = o.Label,
        ["dice"] = o.Dice,
        ["jaccard"] = o.Jaccard,
        ["hausdorff95Mm"] = hausdorff95,
        ["sensitivity"] = o.Sensitivity,
        ["specificity"] = o.Specificity,
        ["truePositives"] = o.TruePositives,
        ["falsePositives"] = o.FalsePositives,
        ["falseNegatives"] = o.FalseNegatives,
    };
}
