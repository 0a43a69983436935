using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>
/// A mask slice as an overlay: an RGBA PNG that independent readers accept, laid out exactly like the image slice it
/// covers, each label in its colour and opaque, background and hidden labels transparent.
/// </summary>
public sealed class LabelOverlayTests
{
    private readonly ISliceRenderer _renderer = RenderingTestServices.Renderer;

    [Theory]
    [InlineData(SlicePlane.Axial)]
    [InlineData(SlicePlane.Coronal)]
    [InlineData(SlicePlane.Sagittal)]
    public async Task Each_label_is_drawn_in_its_colour_where_its_voxel_is_shown(SlicePlane plane)
    {
        // Flipped axes, so that a layout that ignored them would put the labels elsewhere; odd sizes.
        var volume = new Volume(7, 5, 3, 1, 1, new float[105], TestVolumes.Axes((-1, 0, 0), (0, -1, 0), (0, 0, -1), 0.8, 0.6, 2.5));
        var labels = new byte[105];
        labels[Index(1, 2, 1)] = 1;
        labels[Index(5, 2, 1)] = 2;
        labels[Index(3, 1, 1)] = 14;
        var geometry = SliceGeometry.Of(volume, plane);
        var (index, _, _) = geometry.ToPixel(1, 2, 1);

        var png = _renderer.RenderLabelsPng(geometry, index, labels);
        var decoded = await Pillow.DecodeAsync(png.Png, TestContext.Current.CancellationToken);

        Assert.Equal("RGBA", decoded.Mode);
        Assert.Equal((geometry.Width, geometry.Height), (decoded.Width, decoded.Height));
        var drawn = new Dictionary<(int, int), (byte, byte, byte, byte)>();
        for (var n = 0; n < decoded.Width * decoded.Height; n++)
        {
            var pixel = (decoded.Pixels[4 * n], decoded.Pixels[(4 * n) + 1], decoded.Pixels[(4 * n) + 2], decoded.Pixels[(4 * n) + 3]);
            if (pixel.Item4 != 0)
            {
                drawn[(n % decoded.Width, n / decoded.Width)] = pixel;
            }
            else
            {
                Assert.Equal((0, 0, 0), (pixel.Item1, pixel.Item2, pixel.Item3));
            }
        }

        var expected = new[] { (1, 2, 1, 1), (5, 2, 1, 2), (3, 1, 1, 14) }
            .Select(v => (Voxel: geometry.ToPixel(v.Item1, v.Item2, v.Item3), Label: v.Item4))
            .Where(v => v.Voxel.Index == index)
            .ToDictionary(v => (v.Voxel.X, v.Voxel.Y), v => Rgba(v.Label));
        Assert.Equal(expected.OrderBy(p => p.Key), drawn.OrderBy(p => p.Key));
        Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task Hidden_labels_are_transparent_and_the_palette_repeats_after_twelve()
    {
        var volume = new Volume(3, 1, 1, 1, 1, new float[3], TestVolumes.Axes((1, 0, 0), (0, 1, 0), (0, 0, 1)));
        var geometry = SliceGeometry.Of(volume, SlicePlane.Axial);

        var png = _renderer.RenderLabelsPng(geometry, 0, [1, 2, 13], hidden: [2]);
        var decoded = await Pillow.DecodeAsync(png.Png, TestContext.Current.CancellationToken);

        Assert.Equal([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255], decoded.Pixels);
        Assert.Equal(LabelColors.Of(1), LabelColors.Of(13));
        Assert.Equal("#00ff00", LabelColors.Css(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelColors.Of(0));
    }

    [Fact]
    public void A_mask_that_does_not_fill_the_grid_or_a_slice_off_the_plane_is_refused()
    {
        var volume = new Volume(3, 2, 2, 1, 1, new float[12], TestVolumes.Axes((1, 0, 0), (0, 1, 0), (0, 0, 1)));
        var geometry = SliceGeometry.Of(volume, SlicePlane.Axial);

        var size = Assert.Throws<ArgumentException>(() => _renderer.RenderLabelsPng(geometry, 0, new byte[11]));
        Assert.StartsWith("11 labels do not fill the 3×2×2 grid.", size.Message, StringComparison.Ordinal);
        var slice = Assert.Throws<ArgumentOutOfRangeException>(() => _renderer.RenderLabelsPng(geometry, 2, new byte[12]));
        Assert.Contains("has slices 0 to 1", slice.Message, StringComparison.Ordinal);
    }

    private static int Index(int i, int j, int k) => (((k * 5) + j) * 7) + i;

    private static (byte, byte, byte, byte) Rgba(int label)
    {
        var (r, g, b) = LabelColors.Of(label);
        return (r, g, b, 255);
    }
}
