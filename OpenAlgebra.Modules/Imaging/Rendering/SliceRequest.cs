using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// Which slice to render and how: <paramref name="Index"/> counts along the volume's own voxel axis that crosses
/// <paramref name="Plane"/> (the slice number of the series for the acquired plane), from 0.
/// </summary>
public sealed record SliceRequest(SlicePlane Plane, int Index, SliceWindow Window)
{
    /// <summary>
    /// The request of <c>GET …/slices/{index}.png?plane=&amp;window=&amp;level=</c>: <paramref name="plane"/> is axial
    /// (when absent), coronal or sagittal; <paramref name="window"/> and <paramref name="level"/> as
    /// <see cref="SliceWindow.Parse"/>, with the series' own window as <paramref name="source"/> for auto.
    /// </summary>
    /// <exception cref="ArgumentException">Names the parameter (<c>plane</c>, <c>window</c>, <c>level</c>) and what it accepts.</exception>
    public static SliceRequest Parse(string? plane, int index, string? window, string? level, VoiWindow? source = null) =>
        new(ParsePlane(plane), index, SliceWindow.Parse(window, level, source));

    private static SlicePlane ParsePlane(string? plane) => plane?.Trim().ToUpperInvariant() switch
    {
        null or "" or "AXIAL" => SlicePlane.Axial,
        "CORONAL" => SlicePlane.Coronal,
        "SAGITTAL" => SlicePlane.Sagittal,
        _ => throw new ArgumentException($"Unknown plane '{plane}': use axial, coronal or sagittal.", nameof(plane)),
    };
}
