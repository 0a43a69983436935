using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>
/// The percentile Hausdorff distance between one label's surfaces in a mask and a reference, in millimetres, as
/// MONAI's <c>compute_hausdorff_distance(percentile=95)</c> defines it: surface voxels are the label's voxels with a
/// face neighbour outside it (or outside the grid); each surface voxel's distance to the other surface comes from an
/// exact Euclidean distance transform with the grid's spacing; the result is the larger of the two directed
/// percentiles (numpy's linear interpolation).
/// </summary>
internal static class HausdorffDistance
{
    /// <summary>The distance for every non-zero label in either mask, in label order.</summary>
    /// <returns>Per label, the distance, or null when either mask lacks the label (the distance to nothing is undefined).</returns>
    public static IReadOnlyList<(int Label, double? Distance)> Percentiles(LabelMask mask, LabelMask reference, (double I, double J, double K) spacing,
        double percentile = 95, CancellationToken cancellationToken = default)
    {
        MaskGeometry.RequireSameGrid(mask, reference);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var boxesA = LabelBoxes.Measure(mask, cancellationToken);
        var boxesB = LabelBoxes.Measure(reference, cancellationToken);
        var results = new List<(int, double?)>();
        for (var label = 1; label < 256; label++)
        {
            if (boxesA[label] is not { } boxA)
            {
                if (boxesB[label] is not null)
                {
                    results.Add((label, null));
                }

                continue;
            }

            if (boxesB[label] is not { } boxB)
            {
                results.Add((label, null));
                continue;
            }

            // Both surfaces lie inside the union of the boxes, so the transform over that box alone is still exact.
            var box = boxA.Union(boxB);
            var surfaceA = Surface(mask, (byte)label, box);
            var surfaceB = Surface(reference, (byte)label, box);
            var aToB = DirectedDistances(surfaceA, surfaceB, box, spacing, cancellationToken);
            var bToA = DirectedDistances(surfaceB, surfaceA, box, spacing, cancellationToken);
            results.Add((label, Math.Max(PercentileOf(aToB, percentile), PercentileOf(bToA, percentile))));
        }

        return results;
    }

    /// <summary>numpy's default (linear) percentile of <paramref name="values"/>, which it sorts.</summary>
    internal static double PercentileOf(double[] values, double percentile)
    {
        Array.Sort(values);
        var position = percentile / 100 * (values.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, values.Length - 1);
        return values[below] + ((position - below) * (values[above] - values[below]));
    }

    /// <summary>Distances from each voxel of surface <paramref name="from"/> to the nearest voxel of surface <paramref name="to"/>.</summary>
    private static double[] DirectedDistances(bool[] from, bool[] to, BoundingBox box, (double I, double J, double K) spacing, CancellationToken cancellationToken)
    {
        var field = new double[to.Length];
        for (var n = 0; n < to.Length; n++)
        {
            field[n] = to[n] ? 0 : double.PositiveInfinity;
        }

        EuclideanDistanceTransform.Transform(field, box.SizeI, box.SizeJ, box.SizeK, spacing, cancellationToken);
        var distances = new double[from.Count(s => s)];
        var next = 0;
        for (var n = 0; n < from.Length; n++)
        {
            if (from[n])
            {
                distances[next++] = Math.Sqrt(field[n]);
            }
        }

        return distances;
    }

    /// <summary>The label's surface voxels within <paramref name="box"/>, indexed within the box.</summary>
    private static bool[] Surface(LabelMask mask, byte label, BoundingBox box)
    {
        var surface = new bool[box.SizeI * box.SizeJ * box.SizeK];
        Parallel.For(box.Min.K, box.Max.K + 1, k =>
        {
            for (var j = box.Min.J; j <= box.Max.J; j++)
            {
                for (var i = box.Min.I; i <= box.Max.I; i++)
                {
                    if (mask[i, j, k] == label && HasOutsideNeighbour(mask, label, i, j, k))
                    {
                        surface[((((k - box.Min.K) * box.SizeJ) + (j - box.Min.J)) * box.SizeI) + (i - box.Min.I)] = true;
                    }
                }
            }
        });
        return surface;
    }

    private static bool HasOutsideNeighbour(LabelMask mask, byte label, int i, int j, int k) =>
        i == 0 || j == 0 || k == 0 || i == mask.SizeX - 1 || j == mask.SizeY - 1 || k == mask.SizeZ - 1
        || mask[i - 1, j, k] != label || mask[i + 1, j, k] != label
        || mask[i, j - 1, k] != label || mask[i, j + 1, k] != label
        || mask[i, j, k - 1] != label || mask[i, j, k + 1] != label;
}
