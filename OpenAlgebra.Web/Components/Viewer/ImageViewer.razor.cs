using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Rendering;

namespace OpenAlgebra.Web.Components.Viewer;

/// <summary>
/// The image of a <see cref="ViewerState"/> with its toolbar: slice, overlay and seeds stacked at the image's physical
/// aspect, corner annotations, and the input the browser module (<c>js/viewer.js</c>) forwards here.
/// </summary>
public sealed partial class ImageViewer
{
    /// <summary>Slices fetched ahead on each side of the shown one.</summary>
    private const int PrefetchReach = 6;

    private ElementReference _viewport;
    private IJSObjectReference? _module;
    private IJSObjectReference? _input;
    private DotNetObjectReference<ImageViewer>? _self;
    private string? _drawnSeeds;
    private string? _prefetchedAround;
    private string? _toolSent;
    private float? _hoveredValue;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISeriesVolumes Volumes { get; set; } = default!;

    [Parameter, EditorRequired]
    public ViewerState State { get; set; } = default!;

    /// <summary>The series' description, shown in the corner.</summary>
    [Parameter]
    public string Title { get; set; } = "";

    /// <summary>The modality, for the unit of the value under the pointer (HU for CT).</summary>
    [Parameter]
    public string? Modality { get; set; }

    /// <summary>The analysis whose mask is laid over the image, if any.</summary>
    [Parameter]
    public string? OverlayAnalysisId { get; set; }

    /// <summary>Whether the user may paint seeds (they hold the role that runs analyses).</summary>
    [Parameter]
    public bool CanPaint { get; set; }

    /// <summary>Told when the seeds change, so that the page can count them and offer to run.</summary>
    [Parameter]
    public EventCallback SeedsChanged { get; set; }

    private string StageStyle
    {
        get
        {
            var g = State.Geometry;
            var aspect = g.Width * g.PixelWidthMm / (g.Height * g.PixelHeightMm);
            aspect = double.IsFinite(aspect) && aspect > 0 ? aspect : (double)g.Width / g.Height;
            return string.Create(CultureInfo.InvariantCulture,
                $"aspect-ratio: {aspect:0.#####}; width: min(100cqw, calc(100cqh * {aspect:0.#####})); transform: translate({State.Pan.X:0.#}px, {State.Pan.Y:0.#}px) scale({State.Zoom:0.###})");
        }
    }

    private string PositionText => State.Plane switch
    {
        SlicePlane.Axial => "z",
        SlicePlane.Coronal => "y",
        _ => "x",
    } + string.Create(CultureInfo.InvariantCulture, $" {State.SlicePositionMm:0.0} mm");

    private string WindowText => State.Window is { } w
        ? string.Create(CultureInfo.InvariantCulture, $"W {w.Width:0.##} L {w.Center:0.##}")
            + (State.PresetName is { } name ? $" ({WindowPreset.All.First(p => p.Name == name).Label})" : "")
        : "W/L auto (each slice)";

    private string HoverText
    {
        get
        {
            if (State.Hovered is not { } v)
            {
                return "";
            }

            var unit = string.Equals(Modality, "CT", StringComparison.OrdinalIgnoreCase) ? " HU" : "";
            var value = _hoveredValue is { } f ? f.ToString(unit.Length > 0 ? "0" : "0.###", CultureInfo.InvariantCulture) + unit : "";
            return string.Create(CultureInfo.InvariantCulture, $"[{v.I}, {v.J}, {v.K}] {value}");
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/viewer.js");
            _input = await _module.InvokeAsync<IJSObjectReference>("attach", _viewport, _self);
        }

        if (_input is null)
        {
            return;
        }

        var tool = $"{State.Tool}|{State.PaintLabel}|{State.BrushRadius}";
        if (tool != _toolSent)
        {
            _toolSent = tool;
            await _input.InvokeVoidAsync("setTool", State.Tool.ToString().ToLowerInvariant(), LabelColors.Css(State.PaintLabel), State.BrushRadius);
        }

        var around = State.SliceUrl();
        if (around != _prefetchedAround)
        {
            _prefetchedAround = around;
            // One argument, the list: a bare string[] would be spread into the params array, one URL per argument.
            await _input.InvokeVoidAsync("prefetch", (object)State.NeighbourUrls(PrefetchReach).ToArray());
        }

        // Redrawn when the slice or the seeds changed; a series never painted costs no call.
        var seeds = $"{State.Plane}|{State.SliceIndex}|{State.Seeds.Version}";
        if (seeds != _drawnSeeds && (_drawnSeeds is not null || !State.Seeds.IsEmpty))
        {
            _drawnSeeds = seeds;
            var points = State.SeedsOnSlice().SelectMany(p => new[] { p.X, p.Y, p.Label }).ToArray();
            var colors = new Dictionary<string, string>
            {
                [ViewerState.ForegroundLabel.ToString(CultureInfo.InvariantCulture)] = LabelColors.Css(ViewerState.ForegroundLabel),
                [ViewerState.BackgroundLabel.ToString(CultureInfo.InvariantCulture)] = LabelColors.Css(ViewerState.BackgroundLabel),
            };
            await _input.InvokeVoidAsync("drawSeeds", points, colors);
        }
    }

    [JSInvokable]
    public async Task OnKeys(string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var seeds = State.Seeds.Version;
        foreach (var key in keys)
        {
            State.HandleKey(key);
        }

        await AfterInputAsync(seeds);
    }

    [JSInvokable]
    public Task OnScroll(int slices) => ChangeAsync(() => State.Scroll(slices));

    [JSInvokable]
    public Task OnWindowDrag(double dx, double dy) => ChangeAsync(() => State.DragWindow(dx, dy));

    [JSInvokable]
    public Task OnPan(double dx, double dy) => ChangeAsync(() => State.PanBy(dx, dy));

    [JSInvokable]
    public Task OnZoom(double factor) => ChangeAsync(() => State.ZoomBy(factor));

    [JSInvokable]
    public async Task OnHover(int x, int y)
    {
        State.Hover(x, y);
        _hoveredValue = null;
        if (State.Hovered is { } v && await Volumes.GetAsync(State.SeriesId) is { } volume)
        {
            _hoveredValue = volume[v.I, v.J, v.K];
        }

        await InvokeAsync(StateHasChanged);
    }

    /// <param name="points">The stroke's path as x, y pairs in image pixels.</param>
    [JSInvokable]
    public async Task OnStroke(double[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!CanPaint || State.Tool != ViewerTool.Paint)
        {
            return;
        }

        var seeds = State.Seeds.Version;
        State.Paint([.. Enumerable.Range(0, points.Length / 2).Select(n => (points[2 * n], points[(2 * n) + 1]))]);
        _drawnSeeds = null;
        await AfterInputAsync(seeds);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_input is not null)
            {
                await _input.InvokeVoidAsync("dispose");
                await _input.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the page: nothing is left in the browser to release.
        }

        _self?.Dispose();
    }

    private async Task AfterInputAsync(int seedsBefore)
    {
        if (State.Seeds.Version != seedsBefore)
        {
            await SeedsChanged.InvokeAsync();
        }

        await InvokeAsync(StateHasChanged);
    }

    private Task ChangeAsync(Action change)
    {
        change();
        return InvokeAsync(StateHasChanged);
    }

    private Task SetPlaneAsync(SlicePlane plane) => ChangeAsync(() => State.SetPlane(plane));

    private Task SetToolAsync(ViewerTool tool) => ChangeAsync(() => State.Tool = tool);

    private Task ApplyPresetAsync(string name) => ChangeAsync(() => State.ApplyPreset(name));

    private Task OnSliderAsync(ChangeEventArgs e) =>
        int.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) ? ChangeAsync(() => State.GoTo(index)) : Task.CompletedTask;

    private async Task SeedsChangedAsync()
    {
        await SeedsChanged.InvokeAsync();
        StateHasChanged();
    }
}
