using System.Globalization;
using System.Numerics.Tensors;
using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Web.Components.Viewer;

/// <summary>
/// Everything a viewer of one series shows and edits, without the page: the plane and the slice of each plane, the
/// window, zoom and pan, the overlay's opacity and hidden labels, and the seeds being painted. Components only forward
/// input here and draw what it says, so tests drive it directly. It keeps the series' geometry, not its voxels.
/// </summary>
public sealed class ViewerState
{
    public const int ForegroundLabel = 1;
    public const int BackgroundLabel = 2;
    public const double MinZoom = 0.5;
    public const double MaxZoom = 10;
    public const double ZoomStep = 1.25;
    public const int PageSlices = 10;

    /// <summary>A drag of this many screen pixels moves the window's level or width by the window's width.</summary>
    private const double DragPixelsPerWidth = 200;

    private readonly Dictionary<SlicePlane, SliceGeometry> _geometry;
    private readonly Dictionary<SlicePlane, int> _index;
    private readonly (double Center, double Width) _fallbackWindow;
    private readonly double _minWidth;
    private readonly HashSet<int> _hidden = [];
    private (double Center, double Width) _dragged;

    public ViewerState(string seriesId, Volume volume)
    {
        ArgumentException.ThrowIfNullOrEmpty(seriesId);
        ArgumentNullException.ThrowIfNull(volume);
        SeriesId = seriesId;
        _geometry = Enum.GetValues<SlicePlane>().ToDictionary(p => p, p => SliceGeometry.Of(volume, p));
        _index = _geometry.ToDictionary(g => g.Key, g => g.Value.Count / 2);
        SourceWindow = volume.SourceWindow is { } w ? (w.Center, w.Width) : null;
        var low = TensorPrimitives.MinNumber<float>(volume.Voxels);
        var high = TensorPrimitives.MaxNumber<float>(volume.Voxels);
        var range = float.IsFinite(high - low) && high > low ? high - low : 1;
        _fallbackWindow = SourceWindow ?? (low + (range / 2.0), range);
        _minWidth = Math.Min(1, range / 1000.0);
    }

    public string SeriesId { get; }

    public SlicePlane Plane { get; private set; } = SlicePlane.Axial;

    public SliceGeometry Geometry => _geometry[Plane];

    public int SliceIndex => _index[Plane];

    public int SliceCount => Geometry.Count;

    public double SlicePositionMm => Geometry.PositionMm(SliceIndex);

    /// <summary>The window the series' files give (level, width), which <see cref="WindowPreset.Auto"/> shows.</summary>
    public (double Center, double Width)? SourceWindow { get; }

    /// <summary>A preset's name, or null for a window set by dragging (<see cref="Window"/>).</summary>
    public string? PresetName { get; private set; } = WindowPreset.Auto;

    /// <summary>The window shown; null under <see cref="WindowPreset.Auto"/> for a series without its own window (each slice is stretched).</summary>
    public (double Center, double Width)? Window => PresetName is null ? _dragged
        : WindowPreset.All.First(p => p.Name == PresetName).Values ?? SourceWindow;

    public ViewerTool Tool { get; set; } = ViewerTool.Window;

    public double Zoom { get; private set; } = 1;

    /// <summary>Offset of the image from the viewport's centre, in screen pixels.</summary>
    public (double X, double Y) Pan { get; private set; }

    public double OverlayOpacity { get; private set; } = 0.5;

    public IReadOnlySet<int> HiddenLabels => _hidden;

    public int PaintLabel { get; private set; } = ForegroundLabel;

    public int BrushRadius { get; private set; } = 2;

    public SeedStrokes Seeds { get; } = new();

    /// <summary>The voxel under the pointer, when it is over the image.</summary>
    public Voxel? Hovered { get; private set; }

    public void SetPlane(SlicePlane plane) => Plane = Enum.IsDefined(plane) ? plane
        : throw new ArgumentOutOfRangeException(nameof(plane), plane, "The plane is axial, coronal or sagittal.");

    /// <summary>Moves <paramref name="slices"/> on (negative: back), stopping at the first and last slice.</summary>
    public void Scroll(int slices) => GoTo(SliceIndex + slices);

    public void GoTo(int index) => _index[Plane] = Math.Clamp(index, 0, SliceCount - 1);

    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public void ApplyPreset(string name) => PresetName = WindowPreset.All.FirstOrDefault(p => p.Name == name)?.Name
        ?? throw new ArgumentException($"Unknown window preset '{name}': use one of {string.Join(", ", WindowPreset.All.Select(p => p.Name))}.", nameof(name));

    /// <summary>
    /// A drag of the window by screen pixels, as PACS viewers do it: right widens, left narrows; down raises the level
    /// (darker), up lowers it. The change is relative to the width, so it feels the same under every preset.
    /// </summary>
    public void DragWindow(double dx, double dy)
    {
        var (center, width) = Window ?? _fallbackWindow;
        var step = width / DragPixelsPerWidth;
        _dragged = (center + (dy * step), Math.Max(_minWidth, width + (dx * step)));
        PresetName = null;
    }

    public void ZoomBy(double factor)
    {
        if (factor > 0 && double.IsFinite(factor))
        {
            Zoom = Math.Clamp(Zoom * factor, MinZoom, MaxZoom);
        }
    }

    public void PanBy(double dx, double dy) => Pan = (Pan.X + dx, Pan.Y + dy);

    public void ResetView()
    {
        Zoom = 1;
        Pan = (0, 0);
    }

    /// <summary>0 (hidden) to 1 (opaque); values outside are clamped.</summary>
    public void SetOverlayOpacity(double opacity) => OverlayOpacity = double.IsFinite(opacity) ? Math.Clamp(opacity, 0, 1) : OverlayOpacity;

    public void ToggleLabel(int label)
    {
        if (!_hidden.Remove(label))
        {
            _hidden.Add(label);
        }
    }

    public void HideLabels(IEnumerable<int> labels)
    {
        _hidden.Clear();
        _hidden.UnionWith(labels);
    }

    /// <exception cref="ArgumentOutOfRangeException">Not the foreground or background label.</exception>
    public void SetPaintLabel(int label) => PaintLabel = label is ForegroundLabel or BackgroundLabel ? label
        : throw new ArgumentOutOfRangeException(nameof(label), label, $"Seeds are foreground ({ForegroundLabel}) or background ({BackgroundLabel}).");

    public void SetBrushRadius(int radius) => BrushRadius = Math.Clamp(radius, 0, Brush.MaxRadius);

    /// <summary>Seeds the voxels a brush stroke covers on the slice shown, with <see cref="PaintLabel"/>.</summary>
    /// <param name="points">The pointer's path in image pixels of the shown slice.</param>
    public SeedStroke Paint(IReadOnlyList<(double X, double Y)> points)
    {
        var geometry = Geometry;
        var index = SliceIndex;
        var voxels = Brush.Cover(points, BrushRadius, geometry.Width, geometry.Height)
            .Select(p => geometry.ToVoxel(index, p.X, p.Y))
            .Select(v => new Voxel(v.I, v.J, v.K))
            .ToList();
        var stroke = new SeedStroke(PaintLabel, voxels);
        Seeds.Add(stroke);
        return stroke;
    }

    /// <summary>The seeds on the slice shown, as image pixels with their label.</summary>
    public IEnumerable<(int X, int Y, int Label)> SeedsOnSlice()
    {
        var geometry = Geometry;
        var index = SliceIndex;
        foreach (var (voxel, label) in Seeds.Labels)
        {
            var (k, x, y) = geometry.ToPixel(voxel.I, voxel.J, voxel.K);
            if (k == index)
            {
                yield return (x, y, label);
            }
        }
    }

    /// <summary>Points the pointer at image pixel (<paramref name="x"/>, <paramref name="y"/>) of the shown slice; outside the image clears it.</summary>
    public void Hover(int x, int y)
    {
        var geometry = Geometry;
        if ((uint)x >= (uint)geometry.Width || (uint)y >= (uint)geometry.Height)
        {
            Hovered = null;
            return;
        }

        var (i, j, k) = geometry.ToVoxel(SliceIndex, x, y);
        Hovered = new Voxel(i, j, k);
    }

    /// <summary>
    /// The viewer's keyboard shortcuts: ↓/↑ next/previous slice, PgDn/PgUp ten slices, Home/End first/last, 1–5 the
    /// window presets, + and − zoom, 0 resets zoom and pan, A/C/S the planes, Ctrl+Z (sent as <c>Undo</c>) undoes a stroke.
    /// </summary>
    /// <returns>Whether the key is a shortcut (the browser's own action for it is then suppressed).</returns>
    public bool HandleKey(string key)
    {
        switch (key)
        {
            case "ArrowDown": Scroll(1); break;
            case "ArrowUp": Scroll(-1); break;
            case "PageDown": Scroll(PageSlices); break;
            case "PageUp": Scroll(-PageSlices); break;
            case "Home": GoTo(0); break;
            case "End": GoTo(SliceCount - 1); break;
            case "+" or "=": ZoomBy(ZoomStep); break;
            case "-": ZoomBy(1 / ZoomStep); break;
            case "0": ResetView(); break;
            case "a" or "A": SetPlane(SlicePlane.Axial); break;
            case "c" or "C": SetPlane(SlicePlane.Coronal); break;
            case "s" or "S": SetPlane(SlicePlane.Sagittal); break;
            case "Undo": Seeds.Undo(); break;
            default:
                if (WindowPreset.All.FirstOrDefault(p => p.Key == key) is not { } preset)
                {
                    return false;
                }

                ApplyPreset(preset.Name);
                break;
        }

        return true;
    }

    /// <summary>The shown slice from the rendering endpoint.</summary>
    public string SliceUrl() => SliceUrl(SliceIndex);

    /// <summary>Slice <paramref name="index"/> of the shown plane, windowed as shown (for prefetching neighbours too).</summary>
    public string SliceUrl(int index) => string.Create(CultureInfo.InvariantCulture,
        $"/api/series/{Uri.EscapeDataString(SeriesId)}/slices/{index}.png?plane={PlaneName}&{WindowQuery()}");

    /// <summary>The shown slice of an analysis's mask, without the hidden labels.</summary>
    public string OverlayUrl(string analysisId) => string.Create(CultureInfo.InvariantCulture,
        $"/api/analyses/{Uri.EscapeDataString(analysisId)}/overlay/{SliceIndex}.png?plane={PlaneName}")
        + (_hidden.Count == 0 ? "" : "&hide=" + string.Join(',', _hidden.Order()));

    /// <summary>The slices a scroll reaches next, nearest first, for the browser to fetch ahead.</summary>
    public IEnumerable<string> NeighbourUrls(int reach)
    {
        for (var d = 1; d <= reach; d++)
        {
            if (SliceIndex + d < SliceCount)
            {
                yield return SliceUrl(SliceIndex + d);
            }

            if (SliceIndex - d >= 0)
            {
                yield return SliceUrl(SliceIndex - d);
            }
        }
    }

    private string PlaneName => Plane.ToString().ToLowerInvariant();

    /// <summary>A preset by name; a dragged window rounded to 4 significant digits, so that the URLs of one window repeat and are cached.</summary>
    private string WindowQuery() => PresetName is { } name
        ? $"window={name}"
        : string.Create(CultureInfo.InvariantCulture, $"window={_dragged.Width:G4}&level={_dragged.Center:G4}");
}
