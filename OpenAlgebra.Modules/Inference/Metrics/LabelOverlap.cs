using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>
/// How one label of a mask agrees with the same label of a reference, voxel by voxel: the confusion counts and the
/// overlap scores made from them. A score whose denominator is zero is null (e.g. sensitivity when the reference
/// lacks the label).
/// </summary>
internal sealed record LabelOverlap(int Label, long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    public double? Dice => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);
    public double? Jaccard => Ratio(TruePositives, TruePositives + FalsePositives + FalseNegatives);
    public double? Sensitivity => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double? Specificity => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>Every non-zero label present in either mask, in label order; one pass, slices in parallel.</summary>
    public static IReadOnlyList<LabelOverlap> Measure(LabelMask mask, LabelMask reference, CancellationToken cancellationToken = default)
    {
        MaskGeometry.RequireSameGrid(mask, reference);
        var total = new long[3 * 256];
        var gate = new object();
        var sliceLength = mask.SizeX * mask.SizeY;
        Parallel.For(0, mask.SizeZ, new ParallelOptions { CancellationToken = cancellationToken }, () => new long[3 * 256], (k, _, counts) =>
        {
            var a = mask.Labels.AsSpan(k * sliceLength, sliceLength);
            var b = reference.Labels.AsSpan(k * sliceLength, sliceLength);
            for (var n = 0; n < a.Length; n++)
            {
                int x = a[n], y = b[n];
                if (x == y)
                {
                    counts[x]++;
                }
                else
                {
                    counts[256 + x]++;
                    counts[512 + y]++;
                }
            }

            return counts;
        }, counts =>
        {
            lock (gate)
            {
                for (var n = 0; n < total.Length; n++)
                {
                    total[n] += counts[n];
                }
            }
        });

        var voxels = mask.Labels.LongLength;
        var results = new List<LabelOverlap>();
        for (var label = 1; label < 256; label++)
        {
            long tp = total[label], fp = total[256 + label], fn = total[512 + label];
            if (tp + fp + fn > 0)
            {
                results.Add(new LabelOverlap(label, tp, fp, fn, voxels - tp - fp - fn));
            }
        }

        return results;
    }

    private static double? Ratio(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
