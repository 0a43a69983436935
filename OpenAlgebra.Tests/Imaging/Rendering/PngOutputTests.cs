using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>Our PNGs as independent readers see them: valid chunks and CRCs, and exactly the pixels of the raw rendering.</summary>
public sealed class PngOutputTests
{
    private readonly ISliceRenderer _renderer = RenderingTestServices.Renderer;

    [Theory]
    [InlineData(SlicePlane.Axial)]
    [InlineData(SlicePlane.Coronal)]
    [InlineData(SlicePlane.Sagittal)]
    public async Task A_gray_PNG_decodes_to_the_rendered_pixels(SlicePlane plane)
    {
        // Odd sizes (no row is a whole number of vectors), a full-range ramp with noise so every byte difference of the
        // Up filter occurs, wrapping included, and 0.8 × 0.6 × 2.5 mm voxels.
        var volume = Noisy(37, 23, 11, channels: 1, TestVolumes.Axes((1, 0, 0), (0, 1, 0), (0, 0, 1), 0.8, 0.6, 2.5));
        var request = new SliceRequest(plane, 5, SliceWindow.Auto());

        var raw = _renderer.Render(volume, request);
        var png = _renderer.RenderPng(volume, request);
        var decoded = await Pillow.DecodeAsync(png.Png, TestContext.Current.CancellationToken);

        Assert.Equal(raw.Layout, png.Layout);
        Assert.Equal(["IHDR", "pHYs", "IDAT", "IEND"], decoded.Chunks);
        Assert.Equal("L", decoded.Mode);
        Assert.Equal((raw.Layout.Width, raw.Layout.Height), (decoded.Width, decoded.Height));
        Assert.Equal(raw.Pixels, decoded.Pixels);
        // Pixels per metre along x and y, unit metre: 1000 / pixel size in mm, so the file keeps the aspect ratio.
        Assert.Equal([(long)Math.Round(1000 / raw.Layout.PixelWidthMm), (long)Math.Round(1000 / raw.Layout.PixelHeightMm), 1], decoded.Physical);
    }

    [Fact]
    public async Task An_RGB_PNG_decodes_to_the_rendered_pixels()
    {
        var volume = Noisy(19, 13, 3, channels: 3, TestVolumes.Axes((-1, 0, 0), (0, -1, 0), (0, 0, 1)));
        var request = new SliceRequest(SlicePlane.Axial, 1, SliceWindow.Auto());

        var raw = _renderer.Render(volume, request);
        var decoded = await Pillow.DecodeAsync(_renderer.RenderPng(volume, request).Png, TestContext.Current.CancellationToken);

        Assert.Equal("RGB", decoded.Mode);
        Assert.Equal(raw.Pixels, decoded.Pixels);
    }

    [Fact]
    public async Task A_slice_whose_compressed_data_outgrows_the_first_buffer_is_still_whole()
    {
        // Uniform noise does not compress: deflate's output exceeds the raw size, so the pooled buffer must grow.
        var random = new Random(7);
        var voxels = new float[256 * 256 * 3];
        for (var n = 0; n < voxels.Length; n++)
        {
            voxels[n] = random.Next(256);
        }

        var volume = new Volume(256, 256, 1, 1, 3, voxels, Affine.Identity);
        var request = new SliceRequest(SlicePlane.Axial, 0, SliceWindow.Auto());

        var png = _renderer.RenderPng(volume, request);
        var decoded = await Pillow.DecodeAsync(png.Png, TestContext.Current.CancellationToken);

        Assert.True(png.Png.Length > voxels.Length, $"the PNG ({png.Png.Length} bytes) should not be smaller than its {voxels.Length} samples");
        Assert.Equal(_renderer.Render(volume, request).Pixels, decoded.Pixels);
    }

    [Fact]
    public async Task Pixels_that_cannot_give_a_physical_size_write_a_square_pixel_of_unknown_unit()
    {
        var volume = Noisy(4, 3, 2, channels: 1, new Affine([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));

        var decoded = await Pillow.DecodeAsync(
            _renderer.RenderPng(volume, new SliceRequest(SlicePlane.Axial, 0, SliceWindow.Auto())).Png, TestContext.Current.CancellationToken);

        Assert.Equal([1L, 1, 0], decoded.Physical);
    }

    [Fact]
    public void Writing_to_a_stream_gives_the_same_file_and_layout()
    {
        var volume = Noisy(64, 48, 5, channels: 1, Affine.Identity);
        var request = new SliceRequest(SlicePlane.Coronal, 20, SliceWindow.Preset("bone"));
        using var stream = new MemoryStream();

        var layout = _renderer.WritePng(volume, request, stream);
        var png = _renderer.RenderPng(volume, request);

        Assert.Equal(png.Layout, layout);
        Assert.Equal(png.Png, stream.ToArray());
    }

    /// <summary>A ramp across the whole value range plus noise, in <paramref name="channels"/> per voxel.</summary>
    private static Volume Noisy(int x, int y, int z, int channels, Affine affine)
    {
        var random = new Random(x * y * z);
        var voxels = new float[x * y * z * channels];
        for (var n = 0; n < voxels.Length; n++)
        {
            voxels[n] = Math.Clamp((n % 251) + random.Next(-20, 20), 0, 255);
        }

        return new Volume(x, y, z, 1, channels, voxels, affine);
    }
}
