using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Inference;
using OpenAlgebra.Tests.Infrastructure;
using OpenAlgebra.Web.Components.Viewer;

namespace OpenAlgebra.Tests.Components.Viewer;

/// <summary>
/// The viewer component driven as the browser module drives it (keys, wheel, drags, pointer, strokes) over a real stored
/// series: the image it asks for, the corner annotations, the overlay's opacity, seed painting with undo and clear, and
/// what is offered to a user who may not paint.
/// </summary>
public sealed class ImageViewerTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private TestDatabase _database = null!;
    private BunitJSModuleInterop _input = null!;
    private ViewerState _state = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var seriesId = await TestSeries.DicomAsync(_database.ServiceProvider, Ct);
        _state = new ViewerState(seriesId, (await _database.Get<ISeriesVolumes>().GetAsync(seriesId, Ct))!);

        _context.Services.AddMudServices();
        _context.Services.AddSingleton(_database.Get<ISeriesVolumes>());
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _input = _context.JSInterop.SetupModule("./js/viewer.js").SetupModule(i => i.Identifier == "attach");
        _input.Mode = JSRuntimeMode.Loose;
        _context.Render<MudBlazor.MudPopoverProvider>();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Keys_and_the_wheel_scroll_and_the_next_slices_are_fetched_ahead()
    {
        var viewer = Render();
        Assert.Equal("4", Slice(viewer).GetAttribute("data-index"));

        await viewer.InvokeAsync(() => viewer.Instance.OnKeys(["ArrowDown", "ArrowDown"]));
        await viewer.InvokeAsync(() => viewer.Instance.OnScroll(-1));

        Assert.Equal($"/api/series/{_state.SeriesId}/slices/5.png?plane=axial&window=auto", Slice(viewer).GetAttribute("src"));
        Assert.Contains("Slice 6 / 8", viewer.Find("[data-testid=slice-position]").TextContent, StringComparison.Ordinal);
        var prefetched = _input.Invocations["prefetch"][^1].Arguments[0] as string[];
        Assert.Equal([_state.SliceUrl(6), _state.SliceUrl(4), _state.SliceUrl(7), _state.SliceUrl(3)], prefetched![..4]);
    }

    [Fact]
    public async Task The_slider_and_the_plane_buttons_move_through_the_volume()
    {
        var viewer = Render();

        viewer.Find("[data-testid=slice-slider]").Input("7");
        Assert.Equal("7", Slice(viewer).GetAttribute("data-index"));
        await viewer.InvokeAsync(() => viewer.Instance.OnKeys(["s"]));

        // Sagittal of the 12×10×8 phantom: 10 pixels across, 8 down, 12 slices, opening at the middle one.
        Assert.Equal(("10", "8", "6"), (Slice(viewer).GetAttribute("data-width"), Slice(viewer).GetAttribute("data-height"), Slice(viewer).GetAttribute("data-index")));
        Assert.Contains("Slice 7 / 12", viewer.Find("[data-testid=slice-position]").TextContent, StringComparison.Ordinal);
        Assert.Contains("plane=sagittal", Slice(viewer).GetAttribute("src"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presets_by_key_and_by_button_and_a_drag_set_the_window_shown()
    {
        var viewer = Render();
        Assert.Contains("W/L auto (each slice)", WindowText(viewer), StringComparison.Ordinal);

        await viewer.InvokeAsync(() => viewer.Instance.OnKeys(["2"]));
        Assert.Contains("window=lung", Slice(viewer).GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains("W 1500 L -600 (Lung)", WindowText(viewer), StringComparison.Ordinal);
        Assert.Equal("true", viewer.Find("[data-testid=preset-lung]").GetAttribute("aria-pressed"));

        viewer.Find("[data-testid=preset-bone]").Click();
        Assert.Contains("W 1800 L 400 (Bone)", WindowText(viewer), StringComparison.Ordinal);

        await viewer.InvokeAsync(() => viewer.Instance.OnWindowDrag(-100, 20));
        Assert.Contains("W 900 L 580", WindowText(viewer), StringComparison.Ordinal);
        Assert.EndsWith("window=900&level=580", Slice(viewer).GetAttribute("src"), StringComparison.Ordinal);
        Assert.All(viewer.FindAll("[data-testid^=preset-]"), b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task Zoom_and_pan_move_the_stage_and_the_value_under_the_pointer_is_shown_in_HU()
    {
        var viewer = Render();

        await viewer.InvokeAsync(() => viewer.Instance.OnZoom(2));
        await viewer.InvokeAsync(() => viewer.Instance.OnPan(12, -4));
        Assert.Contains("translate(12px, -4px) scale(2)", viewer.Find(".oa-stage").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("Zoom 2×", WindowText(viewer), StringComparison.Ordinal);

        // The phantom's box (200 HU) spans i 3–7, j 2–6, k 2–5; the shown slice is k = 4.
        await viewer.InvokeAsync(() => viewer.Instance.OnHover(4, 3));
        Assert.Equal("[4, 3, 4] 200 HU", viewer.Find("[data-testid=voxel-value]").TextContent);
        await viewer.InvokeAsync(() => viewer.Instance.OnHover(0, 0));
        Assert.Equal("[0, 0, 4] -1000 HU", viewer.Find("[data-testid=voxel-value]").TextContent);
        await viewer.InvokeAsync(() => viewer.Instance.OnHover(-1, -1));
        Assert.Equal("", viewer.Find("[data-testid=voxel-value]").TextContent);
    }

    [Fact]
    public void The_overlay_follows_the_slice_and_its_opacity_and_disappears_at_zero()
    {
        var viewer = Render(p => p.Add(v => v.OverlayAnalysisId, "a1"));
        var overlay = viewer.Find("[data-testid=overlay-image]");
        Assert.Equal(("/api/analyses/a1/overlay/4.png?plane=axial", "opacity: 0.5"), (overlay.GetAttribute("src"), overlay.GetAttribute("style")));

        _state.SetOverlayOpacity(0.85);
        _state.ToggleLabel(2);
        viewer.Render();
        overlay = viewer.Find("[data-testid=overlay-image]");
        Assert.Equal(("/api/analyses/a1/overlay/4.png?plane=axial&hide=2", "opacity: 0.85"), (overlay.GetAttribute("src"), overlay.GetAttribute("style")));

        _state.SetOverlayOpacity(0);
        viewer.Render();
        Assert.Empty(viewer.FindAll("[data-testid=overlay-image]"));
    }

    [Fact]
    public async Task Strokes_seed_the_labels_chosen_are_drawn_and_undo_and_clear_take_them_back()
    {
        var changes = 0;
        var viewer = Render(p => p.Add(v => v.SeedsChanged, () => changes++));

        viewer.Find("[data-testid=tool-paint]").Click();
        Assert.Equal(ViewerTool.Paint, _state.Tool);
        await viewer.InvokeAsync(() => viewer.Instance.OnStroke([4.5, 3.5, 6.5, 3.5]));
        viewer.Find("[data-testid=seed-background]").Click();
        await viewer.InvokeAsync(() => viewer.Instance.OnStroke([0.5, 0.5]));

        Assert.Equal(ViewerState.BackgroundLabel, _state.PaintLabel);
        Assert.Contains("Foreground (23)", viewer.Find("[data-testid=seed-foreground]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Background (6)", viewer.Find("[data-testid=seed-background]").TextContent, StringComparison.Ordinal);
        Assert.True(changes >= 3);
        var drawn = (int[])_input.Invocations["drawSeeds"][^1].Arguments[0]!;
        // A radius-2 brush along three pixels covers 23 of them; at the corner it keeps 6.
        Assert.Equal((23 + 6) * 3, drawn.Length);
        Assert.Equal(new object?[] { "paint", "#00ff00", 2 }, _input.Invocations["setTool"][^1].Arguments);

        viewer.Find("[data-testid=seed-undo]").Click();
        Assert.Contains("Background (0)", viewer.Find("[data-testid=seed-background]").TextContent, StringComparison.Ordinal);
        viewer.Find("[data-testid=seed-clear]").Click();
        Assert.True(_state.Seeds.IsEmpty);
        Assert.Empty((int[])_input.Invocations["drawSeeds"][^1].Arguments[0]!);
    }

    [Fact]
    public async Task A_user_who_may_not_paint_is_not_offered_seeds_and_a_stroke_does_nothing()
    {
        var viewer = Render(canPaint: false);

        Assert.Empty(viewer.FindAll("[data-testid=tool-paint]"));
        _state.Tool = ViewerTool.Paint;
        await viewer.InvokeAsync(() => viewer.Instance.OnStroke([4.5, 3.5]));

        Assert.True(_state.Seeds.IsEmpty);
        Assert.Empty(viewer.FindAll("[data-testid=seed-tools]"));
    }

    private IRenderedComponent<ImageViewer> Render(Action<ComponentParameterCollectionBuilder<ImageViewer>>? more = null, bool canPaint = true) =>
        _context.Render<ImageViewer>(p =>
        {
            p.Add(v => v.State, _state).Add(v => v.Title, "Phantom").Add(v => v.Modality, "CT").Add(v => v.CanPaint, canPaint);
            more?.Invoke(p);
        });

    private static AngleSharp.Dom.IElement Slice(IRenderedComponent<ImageViewer> viewer) => viewer.Find("[data-testid=slice-image]");

    private static string WindowText(IRenderedComponent<ImageViewer> viewer) => viewer.Find("[data-testid=window-level]").TextContent;
}
