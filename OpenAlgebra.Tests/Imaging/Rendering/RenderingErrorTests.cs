using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Rendering;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>Bad requests fail with an <see cref="ArgumentException"/> that names the parameter and what it accepts.</summary>
public sealed class RenderingErrorTests
{
    private readonly ISliceRenderer _renderer = RenderingTestServices.Renderer;

    [Theory]
    [InlineData(SlicePlane.Axial, 3, "the axial plane of this 5×4×3 volume has slices 0 to 2")]
    [InlineData(SlicePlane.Axial, -1, "the axial plane of this 5×4×3 volume has slices 0 to 2")]
    [InlineData(SlicePlane.Coronal, 4, "the coronal plane of this 5×4×3 volume has slices 0 to 3")]
    [InlineData(SlicePlane.Sagittal, 5, "the sagittal plane of this 5×4×3 volume has slices 0 to 4")]
    public void A_slice_index_outside_the_plane_names_the_index_and_the_range(SlicePlane plane, int index, string range)
    {
        var volume = TestVolumes.WithBrightVoxel(5, 4, 3, Modules.Imaging.Volumes.Affine.Identity, (0, 0, 0));
        var request = new SliceRequest(plane, index, SliceWindow.Auto());

        foreach (var attempt in new Action[]
        {
            () => _renderer.Render(volume, request),
            () => _renderer.RenderPng(volume, request),
            () => _renderer.WritePng(volume, request, Stream.Null),
        })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(attempt);
            Assert.Equal("index", error.ParamName);
            Assert.Contains($"Slice index {index} is out of range: {range}.", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_plane_names_the_plane_parameter_and_the_planes()
    {
        var error = Assert.Throws<ArgumentException>(() => SliceRequest.Parse("oblique", 0, null, null));
        Assert.Equal("plane", error.ParamName);
        Assert.StartsWith("Unknown plane 'oblique': use axial, coronal or sagittal.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_preset_names_the_parameter_and_the_presets()
    {
        var preset = Assert.Throws<ArgumentException>(() => SliceWindow.Preset("liver"));
        Assert.Equal("name", preset.ParamName);
        Assert.StartsWith("Unknown window preset 'liver': use one of brain, lung, bone, soft-tissue.", preset.Message, StringComparison.Ordinal);

        var query = Assert.Throws<ArgumentException>(() => SliceWindow.Parse("liver", null));
        Assert.Equal("window", query.ParamName);
        Assert.StartsWith("Unknown window 'liver': use auto, brain, lung, bone, soft-tissue, or a positive width with level=<center>.", query.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-400)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_width_that_is_not_positive_and_finite_names_the_width(double width)
    {
        var error = Assert.Throws<ArgumentException>(() => SliceWindow.Explicit(40, width));
        Assert.Equal("width", error.ParamName);
        Assert.StartsWith("The window width must be a positive finite number, got ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "40", "window", "The window width must be a positive finite number, got 0.")]
    [InlineData("-400", "40", "window", "The window width must be a positive finite number, got -400.")]
    [InlineData("400", null, "level", "window=400 needs level=<center>, a number in the image's units.")]
    [InlineData("400", "middle", "level", "Level 'middle' is not a number: give the window's center in the image's units.")]
    [InlineData("400", "NaN", "level", "The window center must be a finite number, got NaN.")]
    [InlineData(null, "40", "level", "A level needs a window width: give window=<width>&level=<center>, or leave level out.")]
    [InlineData("brain", "40", "level", "The brain preset sets its own level: leave level out or give window=<width>.")]
    public void Query_windows_and_levels_that_do_not_fit_name_their_parameter(string? window, string? level, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => SliceRequest.Parse("axial", 0, window, level));
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_source_window_for_auto_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SliceWindow.Auto(new VoiWindow(40, 0)));
        Assert.Equal("source", error.ParamName);
    }
}
