using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>The windows a slice is rendered through, value by value, through the renderer.</summary>
public sealed class SliceWindowTests
{
    private readonly ISliceRenderer _renderer = RenderingTestServices.Renderer;

    [Theory]
    [InlineData("brain", 40, 80)]
    [InlineData("lung", -600, 1500)]
    [InlineData("bone", 400, 1800)]
    [InlineData("soft-tissue", 50, 400)]
    public void Presets_are_the_standard_level_and_width_under_DICOM_s_LINEAR_function(string name, double center, double width)
    {
        var preset = SliceWindow.Preset(name);
        Assert.Equal(name, preset.Name);
        Assert.Equal(new VoiWindow(center, width, VoiFunction.Linear), preset.Window);
        Assert.Equal(preset, SliceWindow.Preset(name.ToUpperInvariant()));
    }

    public static TheoryData<string, float, byte> PresetLevels => new()
    {
        // LINEAR: y = ((x − (c − ½)) / (w − 1) + ½) · 255, clamped to 0–255 and rounded half up (PS3.3 C.11.2.1.2.1).
        { "brain", -1000, 0 },
        { "brain", 0, 0 },          // c − w/2
        { "brain", 20, 65 },        // 64.56
        { "brain", 40, 129 },       // 129.11
        { "brain", 60, 194 },       // 193.67
        { "brain", 80, 255 },       // c + w/2
        { "lung", -1350, 0 },
        { "lung", -1000, 60 },      // 59.54
        { "lung", -600, 128 },      // 127.59
        { "lung", 0, 230 },         // 229.65
        { "lung", 150, 255 },
        { "bone", -500, 0 },
        { "bone", 0, 71 },          // 70.87
        { "bone", 400, 128 },       // 127.57
        { "bone", 1000, 213 },      // 212.62
        { "bone", 1300, 255 },
        { "soft-tissue", -150, 0 },
        { "soft-tissue", 0, 96 },   // 95.87
        { "soft-tissue", 50, 128 }, // 127.82
        { "soft-tissue", 100, 160 },// 159.77
        { "soft-tissue", 250, 255 },
    };

    [Theory]
    [MemberData(nameof(PresetLevels))]
    public void A_preset_maps_a_value_in_HU_to_its_display_level(string preset, float hu, byte expected)
    {
        // 131 voxels in a row: long enough for the vector loop and its scalar tail to both see the value.
        var rendered = Render(Filled(131, hu), SliceWindow.Preset(preset));
        Assert.All(rendered.Pixels, level => Assert.Equal(expected, level));
    }

    [Fact]
    public void Auto_stretches_the_slice_from_its_lowest_to_its_highest_finite_value()
    {
        var rendered = Render(Row(-100, 0, float.NaN, 300, float.PositiveInfinity, float.NegativeInfinity), SliceWindow.Auto());

        // LINEAR_EXACT over [−100, 300]: ((x − 100) / 400 + ½) · 255; NaN and ±∞ do not widen the range and show black or white.
        Assert.Equal(new VoiWindow(100, 400, VoiFunction.LinearExact), rendered.Layout.Window);
        Assert.Equal([0, 64, 0, 255, 255, 0], rendered.Pixels);
    }

    [Fact]
    public void Auto_uses_the_source_s_own_window_when_given_one()
    {
        var source = new VoiWindow(0, 100, VoiFunction.LinearExact);
        var rendered = Render(Row(-50, 0, 25, 1000), SliceWindow.Auto(source));

        Assert.Equal(source, rendered.Layout.Window);
        Assert.Equal([0, 128, 191, 255], rendered.Pixels);
    }

    [Fact]
    public void A_flat_slice_is_black_under_auto()
    {
        Assert.All(Render(Filled(40, 1234.5f), SliceWindow.Auto()).Pixels, level => Assert.Equal(0, level));
        Assert.All(Render(Filled(40, float.NaN), SliceWindow.Auto()).Pixels, level => Assert.Equal(0, level));
    }

    [Fact]
    public void An_explicit_window_narrower_than_one_unit_uses_LINEAR_EXACT()
    {
        // Normalised float data: LINEAR is undefined below width 1, so [0.25, 0.75] maps exactly onto 0–255.
        var rendered = Render(Row(0.25f, 0.5f, 0.75f), SliceWindow.Explicit(0.5, 0.5));

        Assert.Equal(new VoiWindow(0.5, 0.5, VoiFunction.LinearExact), rendered.Layout.Window);
        Assert.Equal([0, 128, 255], rendered.Pixels);
    }

    [Theory]
    [InlineData(null, null, "auto", null, null)]
    [InlineData("", " ", "auto", null, null)]
    [InlineData("AUTO", null, "auto", null, null)]
    [InlineData("lung", null, "lung", -600.0, 1500.0)]
    [InlineData("Soft-Tissue", "", "soft-tissue", 50.0, 400.0)]
    [InlineData("350", "-20.5", "explicit", -20.5, 350.0)]
    [InlineData("1e3", "0", "explicit", 0.0, 1000.0)]
    public void The_query_window_and_level_parse_to_a_window(string? window, string? level, string name, double? center, double? width)
    {
        var parsed = SliceWindow.Parse(window, level);

        Assert.Equal(name, parsed.Name);
        Assert.Equal(center, parsed.Window?.Center);
        Assert.Equal(width, parsed.Window?.Width);
    }

    [Fact]
    public void The_query_s_auto_takes_the_source_window()
    {
        Assert.Equal(new VoiWindow(40, 400), SliceWindow.Parse(null, null, new VoiWindow(40, 400)).Window);
        Assert.Equal(new VoiWindow(40, 400), SliceRequest.Parse("axial", 0, "auto", null, new VoiWindow(40, 400)).Window.Window);
    }

    [Theory]
    [InlineData(null, SlicePlane.Axial)]
    [InlineData("axial", SlicePlane.Axial)]
    [InlineData("Coronal", SlicePlane.Coronal)]
    [InlineData(" SAGITTAL ", SlicePlane.Sagittal)]
    public void The_query_plane_parses_case_insensitively_with_axial_by_default(string? plane, SlicePlane expected)
    {
        Assert.Equal(new SliceRequest(expected, 7, SliceWindow.Preset("bone")), SliceRequest.Parse(plane, 7, "bone", null));
    }

    private RenderedSlice Render(Volume volume, SliceWindow window) =>
        _renderer.Render(volume, new SliceRequest(SlicePlane.Axial, 0, window));

    private static Volume Filled(int length, float value) => Row([.. Enumerable.Repeat(value, length)]);

    private static Volume Row(params float[] values) => new(values.Length, 1, 1, 1, 1, values, Affine.Identity);
}
