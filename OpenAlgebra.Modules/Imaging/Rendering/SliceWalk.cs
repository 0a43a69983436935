using System.Globalization;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// Where the pixels of one displayed slice lie in <see cref="Volume.Voxels"/>: the first value of the top-left pixel at
/// <see cref="Start"/>, the next pixel to the right <see cref="AcrossStride"/> values on, the pixel below
/// <see cref="DownStride"/> values on (either may be negative), and <see cref="Channels"/> consecutive values per pixel.
/// </summary>
internal readonly record struct SliceWalk(
    int Width, int Height, int Channels, int Start, int AcrossStride, int DownStride, double PixelWidthMm, double PixelHeightMm)
{
    /// <summary>Values in the slice, and display bytes in its image.</summary>
    public int Length => Width * Height * Channels;

    public static int Count(Volume volume, SlicePlane plane) =>
        Size(volume, VoxelAxes.Of(volume.IjkToLps).Along(Layout(plane).Normal).VoxelAxis);

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a slice of the plane.</exception>
    public static SliceWalk Plan(Volume volume, SlicePlane plane, int index)
    {
        var axes = VoxelAxes.Of(volume.IjkToLps);
        var layout = Layout(plane);
        var normal = axes.Along(layout.Normal).VoxelAxis;
        var count = Size(volume, normal);
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Create(CultureInfo.InvariantCulture,
                $"Slice index {index} is out of range: the {plane.ToString().ToLowerInvariant()} plane of this {volume.SizeX}×{volume.SizeY}×{volume.SizeZ} volume has slices 0 to {count - 1}."));
        }

        var (across, acrossSign) = axes.Along(layout.Across);
        var (down, downSign) = axes.Along(layout.Down);
        var acrossStride = Stride(volume, across) * (acrossSign == layout.AcrossSign ? 1 : -1);
        var downStride = Stride(volume, down) * (downSign == layout.DownSign ? 1 : -1);
        var width = Size(volume, across);
        var height = Size(volume, down);
        var start = ((long)index * Stride(volume, normal))
            + (acrossStride < 0 ? (long)(width - 1) * -acrossStride : 0)
            + (downStride < 0 ? (long)(height - 1) * -downStride : 0);
        return new SliceWalk(width, height, volume.Channels == 3 ? 3 : 1, (int)start, (int)acrossStride, (int)downStride,
            Spacing(volume, across), Spacing(volume, down));
    }

    /// <summary>Copies the slice's values into <paramref name="destination"/> in display order: rows top down, pixels left to right.</summary>
    public void Gather(float[] voxels, Span<float> destination)
    {
        var rowLength = Width * Channels;
        for (var row = 0; row < Height; row++)
        {
            var from = Start + (row * DownStride);
            var to = destination.Slice(row * rowLength, rowLength);
            if (AcrossStride == Channels)
            {
                voxels.AsSpan(from, rowLength).CopyTo(to);
            }
            else if (AcrossStride == -1)
            {
                // A mirrored gray row: copy it whole and reverse in place, both vectorised, instead of a strided walk.
                voxels.AsSpan(from - Width + 1, Width).CopyTo(to);
                to.Reverse();
            }
            else if (Channels == 1)
            {
                for (var x = 0; x < to.Length; x++)
                {
                    to[x] = voxels[from + (x * AcrossStride)];
                }
            }
            else
            {
                for (var x = 0; x < Width; x++)
                {
                    voxels.AsSpan(from + (x * AcrossStride), Channels).CopyTo(to.Slice(x * Channels, Channels));
                }
            }
        }
    }

    /// <summary>
    /// The radiological layout as patient axes (LPS: 0 = x toward left, 1 = y toward posterior, 2 = z toward superior)
    /// and the direction each image axis must run: columns toward the patient's left (their right on the image's left)
    /// or toward posterior (anterior on the left); rows toward posterior (anterior on top) or inferior (superior on top).
    /// </summary>
    private static (int Normal, int Across, int AcrossSign, int Down, int DownSign) Layout(SlicePlane plane) => plane switch
    {
        SlicePlane.Axial => (2, 0, 1, 1, 1),
        SlicePlane.Coronal => (1, 0, 1, 2, -1),
        SlicePlane.Sagittal => (0, 1, 1, 2, -1),
        _ => throw new ArgumentOutOfRangeException(nameof(plane), plane, "The plane is axial, coronal or sagittal."),
    };

    private static int Size(Volume volume, int voxelAxis) => voxelAxis switch
    {
        0 => volume.SizeX,
        1 => volume.SizeY,
        _ => volume.SizeZ,
    };

    private static long Stride(Volume volume, int voxelAxis) => voxelAxis switch
    {
        0 => volume.Channels,
        1 => (long)volume.SizeX * volume.Channels,
        _ => (long)volume.SizeX * volume.SizeY * volume.Channels,
    };

    private static double Spacing(Volume volume, int voxelAxis) => voxelAxis switch
    {
        0 => volume.Spacing.I,
        1 => volume.Spacing.J,
        _ => volume.Spacing.K,
    };
}
