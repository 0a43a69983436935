using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// Renders one slice of a <see cref="Volume"/> (frame 0; channel 0, or all three of an RGB volume) as 8-bit display
/// levels through a VOI window (applied to each channel of RGB, whose automatic window shows it as stored).
/// <para>
/// Orientation follows the radiological convention whatever the acquisition: axial and coronal put the patient's right
/// on the image's left; axial puts anterior at the top; coronal and sagittal put superior at the top, and sagittal puts
/// anterior on the left. Each voxel axis is matched to the patient axis (LPS) it runs closest to, read from
/// <see cref="Volume.IjkToLps"/>: the plane fixes the voxel axis along its normal, and the two in-plane axes are walked
/// in whichever direction gives that layout. For the usual axial acquisition that is axial = fixed k (i across, j down),
/// coronal = fixed j (i across, k down), sagittal = fixed i (j across, k down), with k reversed where needed to put
/// superior at the top. Oblique volumes are shown along their nearest anatomical axes, not resampled.
/// </para>
/// </summary>
public interface ISliceRenderer
{
    /// <summary>How many slices <paramref name="volume"/> has in <paramref name="plane"/>: valid indices are 0 to this − 1.</summary>
    int SliceCount(Volume volume, SlicePlane plane);

    /// <summary>The slice as raw display levels, e.g. for a client-side canvas.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the plane's slices (the message gives the range).</exception>
    RenderedSlice Render(Volume volume, SliceRequest request);

    /// <summary>The slice as a PNG file (8-bit gray, or RGB for an RGB volume).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the plane's slices (the message gives the range).</exception>
    RenderedPng RenderPng(Volume volume, SliceRequest request);

    /// <summary>Writes the PNG of <see cref="RenderPng"/> to <paramref name="destination"/> from pooled buffers, allocating no array for the file.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the plane's slices (the message gives the range).</exception>
    SliceLayout WritePng(Volume volume, SliceRequest request, Stream destination);

    /// <summary>
    /// One slice of a label mask on the grid of <paramref name="geometry"/> (one byte per voxel, indexed like
    /// <see cref="Volume"/>) as an RGBA PNG for an overlay: each label in its <see cref="LabelColors"/> colour, opaque;
    /// background (0) and the labels in <paramref name="hidden"/> transparent. The viewer sets the overlay's opacity.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="labels"/> does not fill the grid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the plane's slices (the message gives the range).</exception>
    RenderedPng RenderLabelsPng(SliceGeometry geometry, int index, ReadOnlySpan<byte> labels, IReadOnlyCollection<int>? hidden = null);
}
