using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Web.Components.Viewer;

namespace OpenAlgebra.Tests.Components.Viewer;

/// <summary>
/// The viewer's state without a page: scrolling per plane, windows (presets, keys, drag, the file's own), zoom and pan,
/// overlay opacity and hidden labels, seed painting with undo and clear, and the URLs the image elements get.
/// </summary>
public sealed class ViewerStateTests
{
    /// <summary>12 columns (i, toward the patient's left) × 10 rows (j, posterior) × 8 slices (k, superior), 0.8 × 0.7 × 2 mm.</summary>
    internal static Volume Phantom(VoiWindow? window = null)
    {
        var voxels = new float[12 * 10 * 8];
        for (var n = 0; n < voxels.Length; n++)
        {
            voxels[n] = n % 7 == 0 ? 200 : -1000;
        }

        return new Volume(12, 10, 8, 1, 1, voxels, new Affine([0.8, 0, 0, -40, 0, 0.7, 0, -12, 0, 0, 2, 31])) { SourceWindow = window };
    }

    [Fact]
    public void Each_plane_opens_at_its_middle_slice_and_keeps_its_own_place_when_the_plane_changes()
    {
        var state = new ViewerState("s1", Phantom());

        Assert.Equal((SlicePlane.Axial, 4, 8), (state.Plane, state.SliceIndex, state.SliceCount));
        state.Scroll(2);
        state.SetPlane(SlicePlane.Coronal);
        Assert.Equal((5, 10), (state.SliceIndex, state.SliceCount));
        state.SetPlane(SlicePlane.Sagittal);
        Assert.Equal((6, 12), (state.SliceIndex, state.SliceCount));
        state.SetPlane(SlicePlane.Axial);
        Assert.Equal(6, state.SliceIndex);
    }

    [Theory]
    [InlineData("ArrowDown", 5)]
    [InlineData("ArrowUp", 3)]
    [InlineData("PageDown", 7)]
    [InlineData("PageUp", 0)]
    [InlineData("Home", 0)]
    [InlineData("End", 7)]
    public void Keys_scroll_and_stop_at_the_first_and_last_slice(string key, int index)
    {
        var state = new ViewerState("s1", Phantom());

        Assert.True(state.HandleKey(key));

        Assert.Equal(index, state.SliceIndex);
    }

    [Fact]
    public void Scrolling_past_either_end_stays_on_the_end_and_the_url_names_the_slice_and_plane()
    {
        var state = new ViewerState("s 1", Phantom());

        state.Scroll(-100);
        Assert.Equal("/api/series/s%201/slices/0.png?plane=axial&window=auto", state.SliceUrl());
        state.Scroll(100);
        state.SetPlane(SlicePlane.Sagittal);
        state.Scroll(100);
        Assert.Equal("/api/series/s%201/slices/11.png?plane=sagittal&window=auto", state.SliceUrl());
        Assert.False(state.HandleKey("x"));
    }

    [Fact]
    public void The_slice_position_is_the_patient_coordinate_along_the_plane_s_normal()
    {
        var state = new ViewerState("s1", Phantom());

        state.GoTo(3);
        Assert.Equal(31 + (3 * 2), state.SlicePositionMm, 9);
        state.SetPlane(SlicePlane.Sagittal);
        state.GoTo(10);
        Assert.Equal(-40 + (10 * 0.8), state.SlicePositionMm, 9);
    }

    [Fact]
    public void Number_keys_choose_the_presets_and_5_the_file_s_own_window()
    {
        var state = new ViewerState("s1", Phantom(new VoiWindow(40, 400)));

        Assert.Equal((40.0, 400.0), state.Window);
        Assert.True(state.HandleKey("1"));
        Assert.Equal(("brain", (40.0, 80.0)), (state.PresetName, state.Window));
        state.HandleKey("2");
        Assert.Equal(("lung", (-600.0, 1500.0)), (state.PresetName, state.Window));
        Assert.EndsWith("&window=lung", state.SliceUrl(), StringComparison.Ordinal);
        state.HandleKey("3");
        Assert.Equal((400.0, 1800.0), state.Window);
        state.HandleKey("4");
        Assert.Equal(("soft-tissue", (50.0, 400.0)), (state.PresetName, state.Window));
        state.HandleKey("5");
        Assert.Equal(("auto", (40.0, 400.0)), (state.PresetName, state.Window));
    }

    [Fact]
    public void Without_a_window_in_the_file_auto_has_none_and_each_slice_is_stretched()
    {
        var state = new ViewerState("s1", Phantom());

        Assert.Null(state.Window);
        Assert.Throws<ArgumentException>(() => state.ApplyPreset("liver"));
    }

    [Fact]
    public void Dragging_widens_to_the_right_and_raises_the_level_downward_relative_to_the_width()
    {
        var state = new ViewerState("s1", Phantom());
        state.ApplyPreset("lung");

        state.DragWindow(dx: 20, dy: -10);

        // 1500 wide: a pixel moves 1500/200 = 7.5 HU.
        Assert.Null(state.PresetName);
        Assert.Equal((-600 - 75.0, 1500 + 150.0), state.Window);
        Assert.EndsWith("&window=1650&level=-675", state.SliceUrl(), StringComparison.Ordinal);
        state.DragWindow(dx: -1000, dy: 0);
        Assert.True(state.Window!.Value.Width > 0);
    }

    [Fact]
    public void A_drag_from_auto_without_a_file_window_starts_from_the_volume_s_range()
    {
        var state = new ViewerState("s1", Phantom());

        state.DragWindow(0, 0);

        // The phantom spans −1000 to 200.
        Assert.Equal((-400.0, 1200.0), state.Window);
    }

    [Fact]
    public void Zoom_stays_within_its_bounds_and_zero_resets_zoom_and_pan()
    {
        var state = new ViewerState("s1", Phantom());

        for (var n = 0; n < 30; n++)
        {
            state.HandleKey("+");
        }

        Assert.Equal(ViewerState.MaxZoom, state.Zoom);
        state.PanBy(30, -12);
        state.PanBy(5, 2);
        Assert.Equal((35.0, -10.0), state.Pan);
        state.HandleKey("0");
        Assert.Equal((1.0, (0.0, 0.0)), (state.Zoom, state.Pan));
        state.ZoomBy(0.01);
        Assert.Equal(ViewerState.MinZoom, state.Zoom);
        state.ZoomBy(double.NaN);
        Assert.Equal(ViewerState.MinZoom, state.Zoom);
    }

    [Fact]
    public void Overlay_opacity_is_clamped_and_hidden_labels_are_left_out_of_the_overlay_url()
    {
        var state = new ViewerState("s1", Phantom());

        Assert.Equal(0.5, state.OverlayOpacity);
        state.SetOverlayOpacity(1.7);
        Assert.Equal(1, state.OverlayOpacity);
        state.SetOverlayOpacity(-0.2);
        Assert.Equal(0, state.OverlayOpacity);
        state.SetOverlayOpacity(double.NaN);
        Assert.Equal(0, state.OverlayOpacity);

        Assert.Equal("/api/analyses/a1/overlay/4.png?plane=axial", state.OverlayUrl("a1"));
        state.ToggleLabel(3);
        state.ToggleLabel(2);
        Assert.Equal("/api/analyses/a1/overlay/4.png?plane=axial&hide=2,3", state.OverlayUrl("a1"));
        state.ToggleLabel(3);
        Assert.Equal("/api/analyses/a1/overlay/4.png?plane=axial&hide=2", state.OverlayUrl("a1"));
        state.HideLabels([]);
        Assert.Empty(state.HiddenLabels);
    }

    [Fact]
    public void An_axial_stroke_seeds_the_voxels_under_the_brush_on_the_shown_slice()
    {
        var state = new ViewerState("s1", Phantom());
        state.SetBrushRadius(0);

        var stroke = state.Paint([(2.5, 3.5), (5.5, 3.5)]);

        // Axial of a standard acquisition: x is i, y is j, the slice is k.
        Assert.Equal(ViewerState.ForegroundLabel, stroke.Label);
        Assert.Equal([new(2, 3, 4), new(3, 3, 4), new(4, 3, 4), new(5, 3, 4)], stroke.Voxels.OrderBy(v => v.I));
        Assert.Equal(4, state.Seeds.Count(ViewerState.ForegroundLabel));
    }

    [Fact]
    public void Coronal_and_sagittal_strokes_land_on_the_voxels_those_planes_show()
    {
        var state = new ViewerState("s1", Phantom());
        state.SetBrushRadius(0);

        // Coronal is slice j; superior at the top, so row y is k = 7 − y.
        state.SetPlane(SlicePlane.Coronal);
        state.GoTo(2);
        Assert.Equal([new Voxel(6, 2, 7)], state.Paint([(6.2, 0.1)]).Voxels);
        // Sagittal is slice i; anterior (j = 0) on the left, superior at the top.
        state.SetPlane(SlicePlane.Sagittal);
        state.GoTo(9);
        Assert.Equal([new Voxel(9, 1, 5)], state.Paint([(1.9, 2.9)]).Voxels);

        // Each seed shows again where it was painted, and only on its own slice.
        Assert.Equal([(1, 2, ViewerState.ForegroundLabel)], state.SeedsOnSlice());
        state.SetPlane(SlicePlane.Coronal);
        Assert.Equal([(6, 0, ViewerState.ForegroundLabel)], state.SeedsOnSlice());
        state.SetPlane(SlicePlane.Axial);
        state.GoTo(5);
        Assert.Equal([(9, 1, ViewerState.ForegroundLabel)], state.SeedsOnSlice());
    }

    [Fact]
    public void The_brush_covers_a_disc_clipped_to_the_image_and_a_fast_stroke_leaves_no_gap()
    {
        var state = new ViewerState("s1", Phantom());

        state.SetBrushRadius(1);
        Assert.Equal(5, state.Paint([(4.5, 4.5)]).Voxels.Count);
        Assert.Equal(3, state.Paint([(0.2, 0.2)]).Voxels.Count);
        state.SetBrushRadius(0);
        Assert.Equal(12, state.Paint([(0, 9), (11.9, 9)]).Voxels.Count);
        state.SetBrushRadius(500);
        Assert.Equal(Brush.MaxRadius, state.BrushRadius);
        Assert.Empty(state.Paint([(-30, -30)]).Voxels);
        Assert.Equal(3, state.Seeds.Strokes.Count);
    }

    [Fact]
    public void A_later_stroke_of_the_other_label_takes_its_voxels_and_undo_gives_them_back()
    {
        var state = new ViewerState("s1", Phantom());
        state.SetBrushRadius(0);
        state.Paint([(1, 1), (4, 1)]);
        state.SetPaintLabel(ViewerState.BackgroundLabel);
        state.Paint([(3, 1), (3, 2)]);

        Assert.Equal(3, state.Seeds.Count(ViewerState.ForegroundLabel));
        Assert.Equal(2, state.Seeds.Count(ViewerState.BackgroundLabel));
        var json = state.Seeds.ToJson();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"1": [[1, 1, 4], [2, 1, 4], [4, 1, 4]], "2": [[3, 1, 4], [3, 2, 4]]}"""), json), json.ToJsonString());

        Assert.True(state.HandleKey("Undo"));
        Assert.Equal((4, 0), (state.Seeds.Count(ViewerState.ForegroundLabel), state.Seeds.Count(ViewerState.BackgroundLabel)));
        state.Seeds.Clear();
        Assert.True(state.Seeds.IsEmpty);
        Assert.False(state.Seeds.Undo());
        Assert.Empty(state.Seeds.ToJson());
        Assert.Throws<ArgumentOutOfRangeException>(() => state.SetPaintLabel(3));
    }

    [Fact]
    public void Hovering_names_the_voxel_under_the_pointer_and_leaving_the_image_clears_it()
    {
        var state = new ViewerState("s1", Phantom());
        state.SetPlane(SlicePlane.Coronal);

        state.Hover(3, 1);
        Assert.Equal(new Voxel(3, 5, 6), state.Hovered);
        state.Hover(12, 1);
        Assert.Null(state.Hovered);
    }

    [Fact]
    public void Prefetching_reaches_nearest_slices_first_and_stops_at_the_ends()
    {
        var state = new ViewerState("s1", Phantom());
        state.GoTo(6);

        Assert.Equal(
            ["/api/series/s1/slices/7.png?plane=axial&window=auto", "/api/series/s1/slices/5.png?plane=axial&window=auto",
             "/api/series/s1/slices/4.png?plane=axial&window=auto", "/api/series/s1/slices/3.png?plane=axial&window=auto"],
            state.NeighbourUrls(3));
    }
}
