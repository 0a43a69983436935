using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Tests.Inference.Metrics;

public sealed class LabelStatisticsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_box_reports_its_count_volume_value_statistics_and_bounds()
    {
        // Values i + 10j + 100k over the box [1,3]×[0,1]×[2,2]: i ∈ {1,2,3}, j ∈ {0,1}, k = 2.
        var volume = Grid(5, 4, 3, (0.5, 0.5, 2), (i, j, k) => i + (10 * j) + (100 * k));
        var mask = Mask(5, 4, 3, (i, j, k) => i is >= 1 and <= 3 && j <= 1 && k == 2 ? 1 : 0);

        var s = Assert.Single(LabelStatistics.Measure(mask, volume, Ct));

        Assert.Equal(1, s.Label);
        Assert.Equal(6, s.VoxelCount);
        Assert.Equal(6 * 0.5 / 1000, s.VolumeMl, 12);
        Assert.Equal(207, s.Mean, 9);
        // Population variance: var(i) = 2/3, var(10j) = 25, independent.
        Assert.Equal(Math.Sqrt((2.0 / 3) + 25), s.Std, 9);
        Assert.Equal(201, s.Min);
        Assert.Equal(213, s.Max);
        Assert.Equal(new BoundingBox(new VoxelIndex(1, 0, 2), new VoxelIndex(3, 1, 2)), s.Box);
    }

    [Fact]
    public void Labels_come_back_in_order_and_the_background_is_not_measured()
    {
        var volume = Grid(4, 1, 1, (1, 1, 1), (i, _, _) => i);
        var mask = new LabelMask(4, 1, 1, [7, 0, 2, 7]);

        var stats = LabelStatistics.Measure(mask, volume, Ct);

        Assert.Equal([2, 7], stats.Select(s => s.Label));
        Assert.Equal(1.5, stats[1].Mean);
        Assert.Equal(1.5, stats[1].Std);
    }

    [Fact]
    public void A_voxel_of_a_rotated_grid_keeps_the_product_of_its_spacings()
    {
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        var affine = new Affine([0.5 * c, -0.8 * s, 0, 10, 0.5 * s, 0.8 * c, 0, -3, 0, 0, 2.5, 40]);
        var volume = new Volume(2, 2, 2, 1, 1, new float[8], affine);

        Assert.Equal(0.001, MaskGeometry.VoxelVolumeMl(volume), 12);
    }

    [Fact]
    public void A_mask_on_another_grid_is_refused_with_both_sizes()
    {
        var volume = Grid(4, 4, 4, (1, 1, 1), (_, _, _) => 0);
        var mask = Mask(4, 4, 3, (_, _, _) => 1);

        var e = Assert.Throws<AnalysisInputException>(() => LabelStatistics.Measure(mask, volume, Ct));

        Assert.Contains("4×4×3", e.Message, StringComparison.Ordinal);
        Assert.Contains("4×4×4", e.Message, StringComparison.Ordinal);
    }

    internal static Volume Grid(int sx, int sy, int sz, (double I, double J, double K) spacing, Func<int, int, int, float> value)
    {
        var voxels = new float[sx * sy * sz];
        for (var n = 0; n < voxels.Length; n++)
        {
            voxels[n] = value(n % sx, n / sx % sy, n / (sx * sy));
        }

        return new Volume(sx, sy, sz, 1, 1, voxels, new Affine([spacing.I, 0, 0, 0, 0, spacing.J, 0, 0, 0, 0, spacing.K, 0]));
    }

    internal static LabelMask Mask(int sx, int sy, int sz, Func<int, int, int, int> label)
    {
        var labels = new byte[sx * sy * sz];
        for (var n = 0; n < labels.Length; n++)
        {
            labels[n] = (byte)label(n % sx, n / sx % sy, n / (sx * sy));
        }

        return new LabelMask(sx, sy, sz, labels);
    }
}
