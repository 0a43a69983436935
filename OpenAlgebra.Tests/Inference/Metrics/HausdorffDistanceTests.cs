using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Tests.Inference.Metrics;

public sealed class HausdorffDistanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Two_single_voxels_are_their_euclidean_distance_apart_in_millimetres()
    {
        var mask = LabelStatisticsTests.Mask(6, 6, 6, (i, j, k) => (i, j, k) == (1, 1, 1) ? 1 : 0);
        var reference = LabelStatisticsTests.Mask(6, 6, 6, (i, j, k) => (i, j, k) == (2, 3, 4) ? 1 : 0);

        var (label, distance) = Assert.Single(HausdorffDistance.Percentiles(mask, reference, (0.5, 2, 3), 95, Ct));

        Assert.Equal(1, label);
        Assert.Equal(Math.Sqrt(0.25 + 16 + 81), distance!.Value, 12);
    }

    [Fact]
    public void The_percentile_interpolates_linearly_like_numpy()
    {
        Assert.Equal(9.55, HausdorffDistance.PercentileOf([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 95), 12);
        Assert.Equal(4, HausdorffDistance.PercentileOf([4], 95));
    }

    [Fact]
    public void A_label_missing_from_one_mask_has_no_distance()
    {
        var mask = new LabelMask(3, 1, 1, [1, 0, 2]);
        var reference = new LabelMask(3, 1, 1, [1, 0, 0]);

        var distances = HausdorffDistance.Percentiles(mask, reference, (1, 1, 1), 95, Ct);

        Assert.Equal([(1, 0.0), (2, null)], distances);
    }

    [Fact]
    public async Task Irregular_shapes_match_MONAIs_definition_computed_with_SciPy()
    {
        const int sx = 40, sy = 32, sz = 24;
        var spacing = (I: 0.7, J: 0.9, K: 2.5);
        var random = new Random(11);
        var mask = Blob(sx, sy, sz, (18, 15, 11), (12, 9, 6), random);
        var reference = Blob(sx, sy, sz, (20, 16, 12), (10, 10, 5), random);
        using var python = new ScientificPython();
        python.Write("mask.u8", mask.Labels);
        python.Write("reference.u8", reference.Labels);

        var scipy = await python.RunAsync($$"""
            import json, sys, numpy as np
            from scipy import ndimage
            d = sys.argv[1]
            shape, sampling = ({{sz}}, {{sy}}, {{sx}}), ({{spacing.K}}, {{spacing.J}}, {{spacing.I}})
            m = np.fromfile(d + "/mask.u8", np.uint8).reshape(shape) == 1
            r = np.fromfile(d + "/reference.u8", np.uint8).reshape(shape) == 1
            edges = lambda x: x ^ ndimage.binary_erosion(x)
            directed = lambda a, b: np.percentile(ndimage.distance_transform_edt(~edges(b), sampling=sampling)[edges(a)], 95)
            json.dump({"hd95": max(directed(m, r), directed(r, m))}, sys.stdout)
            """, Ct);

        var (_, distance) = Assert.Single(HausdorffDistance.Percentiles(mask, reference, spacing, 95, Ct));
        Assert.Equal(scipy.GetProperty("hd95").GetDouble(), distance!.Value, 9);
    }

    /// <summary>An ellipsoid with a ragged edge: voxels near its surface flip at random.</summary>
    private static LabelMask Blob(int sx, int sy, int sz, (double I, double J, double K) centre, (double I, double J, double K) radii, Random random) =>
        LabelStatisticsTests.Mask(sx, sy, sz, (i, j, k) =>
        {
            var r = Math.Sqrt(Sq((i - centre.I) / radii.I) + Sq((j - centre.J) / radii.J) + Sq((k - centre.K) / radii.K));
            return r < 0.85 || (r < 1.15 && random.NextDouble() < 0.5) ? 1 : 0;
        });

    private static double Sq(double x) => x * x;
}
