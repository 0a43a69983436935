using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Tests.Imaging.Pixels;

namespace OpenAlgebra.Tests.Imaging.Volumes;

public sealed class VolumeBuilderTests
{
    private static readonly double[] Axial = [1, 0, 0, 0, 1, 0];
    private static readonly DicomVolumeBuilder Builder = new(new DicomPixelDecoder());

    [Fact]
    public void A_shuffled_axial_series_is_ordered_along_the_normal_and_rescaled()
    {
        // Slices at z = 10, 12.5, … 20, handed over out of order; each with its own rescale.
        int[] order = [3, 0, 4, 1, 2];
        var instances = order
            .Select(k => SyntheticSeries.Instance(k, [-50, 30, 10 + (2.5 * k)], Axial, slope: k + 1, intercept: -1024))
            .ToList();
        var volume = Builder.Build(instances, TestContext.Current.CancellationToken);

        Assert.Equal((SyntheticSeries.Columns, SyntheticSeries.Rows, 5, 1, 1), (volume.SizeX, volume.SizeY, volume.SizeZ, volume.Frames, volume.Channels));
        Assert.Empty(volume.Warnings);
        for (var k = 0; k < 5; k++)
        {
            for (var j = 0; j < SyntheticSeries.Rows; j++)
            {
                for (var i = 0; i < SyntheticSeries.Columns; i++)
                {
                    Assert.Equal((SyntheticSeries.Value(k, i, j) * (k + 1)) - 1024f, volume[i, j, k]);
                }
            }
        }

        // Columns 0.6 mm apart along x (Pixel Spacing[1]), rows 0.8 mm along y (Pixel Spacing[0]), slices 2.5 mm along z.
        Assert.True(volume.IjkToLps.ApproximatelyEquals(new Affine([0.6, 0, 0, -50, 0, 0.8, 0, 30, 0, 0, 2.5, 10]), 1e-9), volume.IjkToLps.ToString());
    }

    [Fact]
    public void An_oblique_series_gets_the_affine_its_orientation_implies()
    {
        // Row and column directions: the axial ones turned 30° about z, then 20° about the new row direction.
        var (a, b) = (Math.PI / 6, Math.PI / 9);
        double[] row = [Math.Cos(a), Math.Sin(a), 0];
        double[] column = [-Math.Sin(a) * Math.Cos(b), Math.Cos(a) * Math.Cos(b), Math.Sin(b)];
        double[] normal = [(row[1] * column[2]) - (row[2] * column[1]), (row[2] * column[0]) - (row[0] * column[2]), (row[0] * column[1]) - (row[1] * column[0])];
        double[] origin = [12.5, -40, 7];
        const double Step = 3, RowSpacing = 0.7, ColumnSpacing = 0.9;
        var instances = Enumerable.Range(0, 4).Reverse()
            .Select(k => SyntheticSeries.Instance(k, [.. origin.Select((o, d) => o + (k * Step * normal[d]))], [.. row, .. column], [RowSpacing, ColumnSpacing]))
            .ToList();
        var volume = Builder.Build(instances, TestContext.Current.CancellationToken);

        double[] expected =
        [
            row[0] * ColumnSpacing, column[0] * RowSpacing, normal[0] * Step, origin[0],
            row[1] * ColumnSpacing, column[1] * RowSpacing, normal[1] * Step, origin[1],
            row[2] * ColumnSpacing, column[2] * RowSpacing, normal[2] * Step, origin[2],
        ];
        Assert.True(volume.IjkToLps.ApproximatelyEquals(new Affine(expected), 1e-9), volume.IjkToLps.ToString());
        Assert.Equal((ColumnSpacing, RowSpacing, Step), (Round(volume.Spacing.I), Round(volume.Spacing.J), Round(volume.Spacing.K)));
        Assert.Equal(SyntheticSeries.Value(2, 3, 1), volume[3, 1, 2]);
    }

    [Fact]
    public void A_missing_slice_is_reported_and_not_filled_in()
    {
        double[] depths = [0, 2, 4, 8, 10];
        var instances = depths.Select((z, n) => SyntheticSeries.Instance(n, [0, 0, z], Axial)).ToList();
        var volume = Builder.Build(instances, TestContext.Current.CancellationToken);
        Assert.Equal(5, volume.SizeZ);
        Assert.Equal(2, volume.Spacing.K, 9);
        var warning = Assert.Single(volume.Warnings);
        Assert.Contains("1 slice(s) missing", warning, StringComparison.Ordinal);
        Assert.Contains("(4 mm)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Uneven_spacing_is_reported_beyond_one_percent()
    {
        double[] close = [0, 2, 4.015, 6, 8];
        double[] far = [0, 2, 4, 5.5, 7.5];
        var within = close.Select((z, n) => SyntheticSeries.Instance(n, [0, 0, z], Axial)).ToList();
        Assert.Empty(Builder.Build(within, TestContext.Current.CancellationToken).Warnings);
        var beyond = far.Select((z, n) => SyntheticSeries.Instance(n, [0, 0, z], Axial)).ToList();
        var warning = Assert.Single(Builder.Build(beyond, TestContext.Current.CancellationToken).Warnings);
        Assert.StartsWith("Uneven spacing: 1.5 mm", warning, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<int, DicomFile>> Mismatches => new()
    {
        { "duplicate positions", n => SyntheticSeries.Instance(n, [0, 0, n == 2 ? 1 : n], Axial) },
        { "mixed orientation", n => SyntheticSeries.Instance(n, [0, 0, n], n == 2 ? [1, 0, 0, 0, 0.8, 0.6] : Axial) },
        { "mixed size", n => SyntheticSeries.Instance(n, [0, 0, n], Axial, rows: n == 2 ? 5 : 4) },
        { "mixed pixel spacing", n => SyntheticSeries.Instance(n, [0, 0, n], Axial, n == 2 ? [0.5, 0.5] : null) },
        { "two series", n => SyntheticSeries.Instance(n, [0, 0, n], Axial, series: n == 2 ? "1.2.3.5" : "1.2.3.4") },
        { "no orientation", n => Without(SyntheticSeries.Instance(n, [0, 0, n], Axial), DicomTags.ImageOrientationPatient) },
        { "orientation not orthogonal", n => SyntheticSeries.Instance(n, [0, 0, n], [1, 0, 0, 0.6, 0.8, 0]) },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Images_that_are_not_one_volume_are_refused(string why, Func<int, DicomFile> instance)
    {
        var instances = Enumerable.Range(0, 4).Select(instance).ToList();
        var error = Record.Exception(() => Builder.Build(instances, TestContext.Current.CancellationToken));
        Assert.True(error is VolumeBuildException, $"{why}: {error?.GetType().Name ?? "built"}");
    }

    [Fact]
    public void A_multi_frame_instance_takes_geometry_and_rescale_from_its_functional_groups()
    {
        // Frames stored in the order z = 6, 0, 3 with per-frame rescale; orientation and spacing shared.
        double[] z = [6, 0, 3];
        var dataset = SyntheticImages.Attributes(SyntheticSeries.Rows, SyntheticSeries.Columns, 16, frames: 3);
        var shared = new DicomDataset();
        shared.Set(SyntheticSeries.Macro(DicomTags.PlaneOrientationSequence, (DicomTags.ImageOrientationPatient, Axial)));
        shared.Set(SyntheticSeries.Macro(DicomTags.PixelMeasuresSequence, (DicomTags.PixelSpacing, [0.5, 0.25]), (DicomTags.SliceThickness, [3])));
        dataset.Set(new DicomSequence(DicomTags.SharedFunctionalGroupsSequence, DicomVR.SQ, [shared], undefinedLength: false));
        var perFrame = z.Select((depth, f) =>
        {
            var item = new DicomDataset();
            item.Set(SyntheticSeries.Macro(DicomTags.PlanePositionSequence, (DicomTags.ImagePositionPatient, [1, 2, depth])));
            item.Set(SyntheticSeries.Macro(DicomTags.PixelValueTransformationSequence, (DicomTags.RescaleSlope, [f + 1.0]), (DicomTags.RescaleIntercept, [-10])));
            return item;
        }).ToList();
        dataset.Set(new DicomSequence(DicomTags.PerFrameFunctionalGroupsSequence, DicomVR.SQ, perFrame, undefinedLength: false));
        var file = SyntheticImages.Native(dataset, [.. SyntheticSeries.Pixels(0), .. SyntheticSeries.Pixels(1), .. SyntheticSeries.Pixels(2)]);

        var volume = Builder.Build([SyntheticImages.RoundTrip(file)], TestContext.Current.CancellationToken);
        Assert.True(volume.IjkToLps.ApproximatelyEquals(new Affine([0.25, 0, 0, 1, 0, 0.5, 0, 2, 0, 0, 3, 0]), 1e-9), volume.IjkToLps.ToString());
        // k = 0 is frame 2 (z = 0, slope 2), k = 1 frame 3 (z = 3, slope 3), k = 2 frame 1 (z = 6, slope 1).
        Assert.Equal((SyntheticSeries.Value(1, 4, 3) * 2) - 10f, volume[4, 3, 0]);
        Assert.Equal((SyntheticSeries.Value(2, 4, 3) * 3) - 10f, volume[4, 3, 1]);
        Assert.Equal(SyntheticSeries.Value(0, 4, 3) - 10f, volume[4, 3, 2]);
    }

    [Fact]
    public void A_single_slice_steps_by_its_spacing_or_thickness()
    {
        var file = SyntheticSeries.Instance(7, [0, 0, 5], Axial);
        file.Dataset.SetString(DicomTags.SliceThickness, DicomVR.DS, "2.5");
        var volume = Builder.Build([file], TestContext.Current.CancellationToken);
        Assert.Equal(1, volume.SizeZ);
        Assert.Equal(2.5, volume.Spacing.K, 9);
        Assert.Empty(volume.Warnings);
    }

    [Fact]
    public void A_cancelled_build_stops()
    {
        var instances = Enumerable.Range(0, 3).Select(k => SyntheticSeries.Instance(k, [0, 0, k], Axial)).ToList();
        Assert.ThrowsAny<OperationCanceledException>(() => Builder.Build(instances, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void A_corrupt_slice_fails_the_build_with_its_own_error()
    {
        var instances = Enumerable.Range(0, 3).Select(k => SyntheticSeries.Instance(k, [0, 0, k], Axial)).ToList();
        instances[1].Dataset.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(new byte[10])));
        Assert.Throws<DicomFormatException>(() => Builder.Build(instances, TestContext.Current.CancellationToken));
    }

    private static DicomFile Without(DicomFile file, DicomTag tag)
    {
        file.Dataset.Remove(tag);
        return file;
    }

    private static double Round(double value) => Math.Round(value, 9);
}
