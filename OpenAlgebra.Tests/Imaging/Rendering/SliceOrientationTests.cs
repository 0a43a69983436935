using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;
using static OpenAlgebra.Tests.Imaging.Rendering.PatientDirections;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>
/// Radiological display, whatever the acquisition: axial and coronal show the patient's right on the image's left, axial
/// shows anterior at the top, coronal and sagittal superior at the top, sagittal anterior on the left. Each case puts one
/// bright voxel at a known patient position (LPS: +x left, +y posterior, +z superior) in a 5×4×3 volume (sizes differ so
/// a swapped axis shows) and says where it must appear.
/// </summary>
public sealed class SliceOrientationTests
{
    private readonly ISliceRenderer _renderer = RenderingTestServices.Renderer;

    public static TheoryData<string, SlicePlane, int, int, int, int, int> Cases => new()
    {
        // The usual axial acquisition: i toward the patient's left, j toward posterior, k toward superior. Voxel (3, 1, 2) is
        // left of the midline, anterior, in the top slice.
        // Axial = slice k: i across, j down, as stored.
        { "standard", SlicePlane.Axial, 2, 5, 4, 3, 1 },
        // Coronal = slice j: i across; k down reversed, so the top slice (k = 2, superior) is row 0.
        { "standard", SlicePlane.Coronal, 1, 5, 3, 3, 0 },
        // Sagittal = slice i: j across (anterior, j = 0, on the left), k down reversed.
        { "standard", SlicePlane.Sagittal, 3, 4, 3, 1, 0 },

        // Every axis flipped: i toward the right, j toward anterior, k toward inferior. The same voxel (3, 1, 2) is now
        // right of the midline, posterior, in the bottom slice, so it must move across the image accordingly.
        // Axial: columns reversed (i = 3 → column 5 − 1 − 3 = 1), rows reversed (j = 1 → row 4 − 1 − 1 = 2).
        { "flipped", SlicePlane.Axial, 2, 5, 4, 1, 2 },
        // Coronal: columns reversed; k already runs downward, so k = 2 is row 2.
        { "flipped", SlicePlane.Coronal, 1, 5, 3, 1, 2 },
        // Sagittal: anterior on the left means j reversed (j = 1 → column 2); k = 2 is row 2.
        { "flipped", SlicePlane.Sagittal, 3, 4, 3, 2, 2 },

        // A sagittal acquisition (DICOM orientation 0\1\0\0\0\-1): i toward posterior, j toward inferior, k toward the left.
        // The axial plane is then a slice of j, with k across and i down.
        { "sagittal-acquisition", SlicePlane.Axial, 1, 3, 5, 2, 3 },
        { "sagittal-acquisition", SlicePlane.Coronal, 3, 3, 4, 2, 1 },
        // The acquired plane itself: i across, j down, as stored.
        { "sagittal-acquisition", SlicePlane.Sagittal, 2, 5, 4, 3, 1 },

        // Oblique: an axial acquisition turned 120° about the patient's z axis. i runs (−0.5, 0.87, 0), nearest posterior;
        // j runs (−0.87, −0.5, 0), nearest the right. Axial shows it transposed: j across reversed (j = 1 → column 2),
        // i down (row 3).
        { "oblique", SlicePlane.Axial, 2, 4, 5, 2, 3 },
        // Coronal is a slice of i (nearest y): j across reversed, k down reversed.
        { "oblique", SlicePlane.Coronal, 3, 4, 3, 2, 0 },
        // Sagittal is a slice of j (nearest x): i across (posterior, so as stored), k down reversed.
        { "oblique", SlicePlane.Sagittal, 1, 5, 3, 3, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_bright_voxel_appears_where_the_radiological_convention_puts_it(
        string volume, SlicePlane plane, int index, int width, int height, int column, int row)
    {
        var rendered = _renderer.Render(Volume(volume), new SliceRequest(plane, index, SliceWindow.Auto()));

        Assert.Equal((width, height), (rendered.Layout.Width, rendered.Layout.Height));
        Assert.Equal((column, row), TestVolumes.BrightPixel(rendered.Pixels, width));
    }

    [Theory]
    [InlineData("standard", 3, 4, 5)]
    [InlineData("sagittal-acquisition", 4, 5, 3)]
    [InlineData("oblique", 3, 5, 4)]
    public void Each_plane_counts_its_slices_along_the_voxel_axis_nearest_its_normal(string volume, int axial, int coronal, int sagittal)
    {
        var v = Volume(volume);
        Assert.Equal(axial, _renderer.SliceCount(v, SlicePlane.Axial));
        Assert.Equal(coronal, _renderer.SliceCount(v, SlicePlane.Coronal));
        Assert.Equal(sagittal, _renderer.SliceCount(v, SlicePlane.Sagittal));
    }

    [Theory]
    [InlineData(SlicePlane.Axial, 0.5, 0.7)]
    [InlineData(SlicePlane.Coronal, 0.5, 2.5)]
    [InlineData(SlicePlane.Sagittal, 0.7, 2.5)]
    public void The_pixel_size_of_each_image_axis_is_the_spacing_of_the_voxel_axis_it_walks(SlicePlane plane, double width, double height)
    {
        // Non-isotropic: 0.5 mm columns, 0.7 mm rows, 2.5 mm slices. The image is not resampled; a viewer scales by these.
        var volume = TestVolumes.WithBrightVoxel(5, 4, 3, TestVolumes.Axes(Left, Posterior, Superior, 0.5, 0.7, 2.5), (0, 0, 0));

        var layout = _renderer.Render(volume, new SliceRequest(plane, 0, SliceWindow.Auto())).Layout;

        Assert.Equal(width, layout.PixelWidthMm, 12);
        Assert.Equal(height, layout.PixelHeightMm, 12);
    }

    [Fact]
    public void An_RGB_volume_renders_as_RGB_with_each_pixel_s_channels_kept_together_through_a_flip()
    {
        // i toward the right: axial columns run reversed, and each pixel's three samples must move as one.
        var voxels = new float[3 * 2 * 1 * 3];
        voxels[0] = 255;                     // (i 0, j 0): red
        voxels[(1 * 3) + 1] = 255;           // (i 1, j 0): green
        voxels[(2 * 3) + 2] = 255;           // (i 2, j 0): blue
        voxels[(3 * 3) + 0] = 10;            // (i 0, j 1): dark gray, as stored
        voxels[(3 * 3) + 1] = 20;
        voxels[(3 * 3) + 2] = 30;
        var volume = new Volume(3, 2, 1, 1, 3, voxels, TestVolumes.Axes(Right, Posterior, Superior));

        var rendered = _renderer.Render(volume, new SliceRequest(SlicePlane.Axial, 0, SliceWindow.Auto()));

        Assert.Equal(3, rendered.Layout.Channels);
        Assert.Equal(
            [0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 30],
            rendered.Pixels);
    }

    [Fact]
    public void Only_frame_0_and_channel_0_of_other_volumes_are_shown()
    {
        // Two channels (complex: real, imaginary) and two frames; the value of (i, j, k) in channel 0, frame 0 is 100k + 10j + i.
        var volume = TestVolumes.Coded(3, 2, 2, channels: 2, frames: 2);

        var rendered = _renderer.Render(volume, new SliceRequest(SlicePlane.Axial, 1, SliceWindow.Explicit(105.5, 11)));

        // LINEAR (105.5, 11): 100 + 10j + i, from 100 to 112, maps to ((x − 105) / 10 + ½) · 255.
        Assert.Equal(1, rendered.Layout.Channels);
        Assert.Equal([0, 26, 51, 255, 255, 255], rendered.Pixels);
    }

    private static Volume Volume(string name) => name switch
    {
        "standard" => TestVolumes.WithBrightVoxel(5, 4, 3, TestVolumes.Axes(Left, Posterior, Superior), (3, 1, 2)),
        "flipped" => TestVolumes.WithBrightVoxel(5, 4, 3, TestVolumes.Axes(Right, Anterior, Inferior), (3, 1, 2)),
        "sagittal-acquisition" => TestVolumes.WithBrightVoxel(5, 4, 3, TestVolumes.Axes(Posterior, Inferior, Left), (3, 1, 2)),
        "oblique" => TestVolumes.WithBrightVoxel(5, 4, 3, Turned(120), (3, 1, 2)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The standard axial axes turned by <paramref name="degrees"/> about z, with 0.8 mm pixels and 2 mm slices.</summary>
    private static Affine Turned(double degrees)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        return TestVolumes.Axes((cos, sin, 0), (-sin, cos, 0), Superior, 0.8, 0.8, 2);
    }
}
