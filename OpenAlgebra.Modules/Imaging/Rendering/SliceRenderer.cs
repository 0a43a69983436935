using System.Buffers;
using System.Runtime.InteropServices;
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

    public RenderedPng RenderLabelsPng(SliceGeometry geometry, int index, ReadOnlySpan<byte> labels, IReadOnlyCollection<int>? hidden = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var (sizeI, sizeJ, sizeK) = geometry.GridSize;
        if (labels.Length != (long)sizeI * sizeJ * sizeK)
        {
            throw new ArgumentException($"{labels.Length} labels do not fill the {sizeI}×{sizeJ}×{sizeK} grid.", nameof(labels));
        }

        var walk = SliceWalk.Plan(geometry, 1, 1, index);
        Span<uint> colours = stackalloc uint[256];
        for (var label = 1; label < colours.Length; label++)
        {
            var (r, g, b) = LabelColors.Of(label);
            colours[label] = hidden?.Contains(label) == true ? 0 : BitConverter.IsLittleEndian
                ? r | ((uint)g << 8) | ((uint)b << 16) | 0xFF000000u
                : ((uint)r << 24) | ((uint)g << 16) | ((uint)b << 8) | 0xFFu;
        }

        var slice = ArrayPool<byte>.Shared.Rent(walk.Length);
        var rgba = ArrayPool<byte>.Shared.Rent(walk.Length * 4);
        try
        {
            walk.Gather(labels, slice.AsSpan(0, walk.Length));
            var pixels = MemoryMarshal.Cast<byte, uint>(rgba.AsSpan(0, walk.Length * 4));
            for (var n = 0; n < pixels.Length; n++)
            {
                pixels[n] = colours[slice[n]];
            }

            // Colours are shown as they are: the window only records that.
            var layout = new SliceLayout(walk.Width, walk.Height, 4, walk.PixelWidthMm, walk.PixelHeightMm, AutoWindow.AsStored);
            return new RenderedPng(layout, PngEncoder.Encode(rgba.AsSpan(0, walk.Length * 4), layout));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(slice);
            ArrayPool<byte>.Shared.Return(rgba);
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
            walk.Gather<float>(volume.Voxels, values);
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
