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

    public static int Count(Volume volume, SlicePlane plane) => SliceGeometry.Of(volume, plane).Count;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a slice of the plane.</exception>
    public static SliceWalk Plan(Volume volume, SlicePlane plane, int index) =>
        Plan(SliceGeometry.Of(volume, plane), volume.Channels, volume.Channels == 3 ? 3 : 1, index);

    /// <summary>The walk over a grid of <paramref name="geometry"/>'s size holding <paramref name="valuesPerVoxel"/> values per voxel, taking the first <paramref name="channels"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a slice of the plane.</exception>
    public static SliceWalk Plan(SliceGeometry geometry, int valuesPerVoxel, int channels, int index)
    {
        var count = geometry.Count;
        if ((uint)index >= (uint)count)
        {
            var (sizeI, sizeJ, sizeK) = geometry.GridSize;
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Create(CultureInfo.InvariantCulture,
                $"Slice index {index} is out of range: the {geometry.Plane.ToString().ToLowerInvariant()} plane of this {sizeI}×{sizeJ}×{sizeK} volume has slices 0 to {count - 1}."));
        }

        var acrossStride = Stride(geometry, valuesPerVoxel, geometry.AcrossAxis) * (geometry.AcrossReversed ? -1 : 1);
        var downStride = Stride(geometry, valuesPerVoxel, geometry.DownAxis) * (geometry.DownReversed ? -1 : 1);
        var (width, height) = (geometry.Width, geometry.Height);
        var start = ((long)index * Stride(geometry, valuesPerVoxel, geometry.NormalAxis))
            + (acrossStride < 0 ? (long)(width - 1) * -acrossStride : 0)
            + (downStride < 0 ? (long)(height - 1) * -downStride : 0);
        return new SliceWalk(width, height, channels, (int)start, (int)acrossStride, (int)downStride, geometry.PixelWidthMm, geometry.PixelHeightMm);
    }

    /// <summary>Copies the slice's values into <paramref name="destination"/> in display order: rows top down, pixels left to right.</summary>
    public void Gather<T>(ReadOnlySpan<T> voxels, Span<T> destination)
    {
        var rowLength = Width * Channels;
        for (var row = 0; row < Height; row++)
        {
            var from = Start + (row * DownStride);
            var to = destination.Slice(row * rowLength, rowLength);
            if (AcrossStride == Channels)
            {
                voxels.Slice(from, rowLength).CopyTo(to);
            }
            else if (AcrossStride == -1)
            {
                // A mirrored gray row: copy it whole and reverse in place, both vectorised, instead of a strided walk.
                voxels.Slice(from - Width + 1, Width).CopyTo(to);
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
                    voxels.Slice(from + (x * AcrossStride), Channels).CopyTo(to.Slice(x * Channels, Channels));
                }
            }
        }
    }

    private static long Stride(SliceGeometry geometry, int valuesPerVoxel, int voxelAxis)
    {
        var (sizeI, sizeJ, _) = geometry.GridSize;
        return voxelAxis switch
        {
            0 => valuesPerVoxel,
            1 => (long)sizeI * valuesPerVoxel,
            _ => (long)sizeI * sizeJ * valuesPerVoxel,
        };
    }
}
