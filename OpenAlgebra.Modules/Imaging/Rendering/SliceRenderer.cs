using System.Buffers;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// Gathers the slice's values into a pooled buffer in display order, resolves the window, maps to display levels with
/// <see cref="VoiWindow.Apply"/>, and encodes PNGs with <see cref="PngEncoder"/>. Allocates only what it returns.
/// One slice is about a millisecond of work on one core, so it stays on the caller's thread: a server renders
/// concurrent requests in parallel instead.
/// </summary>
internal sealed class SliceRenderer : ISliceRenderer
{
    public int SliceCount(Volume volume, SlicePlane plane)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return SliceWalk.Count(volume, plane);
    }

    public RenderedSlice Render(Volume volume, SliceRequest request)
    {
        var walk = Plan(volume, request);
        var pixels = GC.AllocateUninitializedArray<byte>(walk.Length);
        var window = Draw(volume, walk, request.Window, pixels);
        return new RenderedSlice(Layout(walk, window), pixels);
    }

    public RenderedPng RenderPng(Volume volume, SliceRequest request)
    {
        var walk = Plan(volume, request);
        var pixels = ArrayPool<byte>.Shared.Rent(walk.Length);
        try
        {
            var layout = Layout(walk, Draw(volume, walk, request.Window, pixels));
            return new RenderedPng(layout, PngEncoder.Encode(pixels.AsSpan(0, walk.Length), layout));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    public SliceLayout WritePng(Volume volume, SliceRequest request, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var walk = Plan(volume, request);
        var pixels = ArrayPool<byte>.Shared.Rent(walk.Length);
        try
        {
            var layout = Layout(walk, Draw(volume, walk, request.Window, pixels));
            PngEncoder.Write(pixels.AsSpan(0, walk.Length), layout, destination);
            return layout;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    private static SliceWalk Plan(Volume volume, SliceRequest request)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Window);
        return SliceWalk.Plan(volume, request.Plane, request.Index);
    }

    /// <summary>Fills <paramref name="display"/> (at least <see cref="SliceWalk.Length"/> bytes) and returns the window used.</summary>
    private static VoiWindow Draw(Volume volume, SliceWalk walk, SliceWindow window, Span<byte> display)
    {
        var rented = ArrayPool<float>.Shared.Rent(walk.Length);
        try
        {
            var values = rented.AsSpan(0, walk.Length);
            walk.Gather(volume.Voxels, values);
            var voi = window.Window ?? (walk.Channels == 3 ? AutoWindow.AsStored : AutoWindow.Stretch(values));
            voi.Apply(values, display);
            return voi;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static SliceLayout Layout(SliceWalk walk, VoiWindow window) =>
        new(walk.Width, walk.Height, walk.Channels, walk.PixelWidthMm, walk.PixelHeightMm, window);
}
