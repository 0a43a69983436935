using System.Globalization;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// How one plane of a volume's grid is laid out on screen (the radiological convention of <see cref="ISliceRenderer"/>),
/// and the map between a displayed pixel (<c>x</c> across, <c>y</c> down, on slice <c>index</c>) and a voxel
/// (<c>i</c> column, <c>j</c> row, <c>k</c> slice of the stored grid). A viewer keeps it instead of the volume: it is a
/// few numbers, and it is the same for the series and for a label mask on its grid.
/// </summary>
public sealed class SliceGeometry
{
    private readonly int[] _size;
    private readonly Affine _ijkToLps;

    private SliceGeometry(SlicePlane plane, int[] size, Affine ijkToLps, int normal, int across, bool acrossReversed, int down, bool downReversed,
        double[] spacing)
    {
        Plane = plane;
        _size = size;
        _ijkToLps = ijkToLps;
        NormalAxis = normal;
        AcrossAxis = across;
        AcrossReversed = acrossReversed;
        DownAxis = down;
        DownReversed = downReversed;
        PixelWidthMm = spacing[across];
        PixelHeightMm = spacing[down];
        SliceSpacingMm = spacing[normal];
    }

    public SlicePlane Plane { get; }

    /// <summary>Pixels across a displayed slice.</summary>
    public int Width => _size[AcrossAxis];

    /// <summary>Pixels down a displayed slice.</summary>
    public int Height => _size[DownAxis];

    /// <summary>Slices in the plane: indices 0 to this − 1, counted along the voxel axis <see cref="NormalAxis"/>.</summary>
    public int Count => _size[NormalAxis];

    public double PixelWidthMm { get; }

    public double PixelHeightMm { get; }

    /// <summary>The distance between neighbouring slices of the plane.</summary>
    public double SliceSpacingMm { get; }

    /// <summary>The grid's size along i, j and k.</summary>
    public (int I, int J, int K) GridSize => (_size[0], _size[1], _size[2]);

    /// <summary>The voxel axis (0 = i, 1 = j, 2 = k) the slice index counts along.</summary>
    internal int NormalAxis { get; }

    /// <summary>The voxel axis that runs across the image, and whether it runs right to left.</summary>
    internal int AcrossAxis { get; }

    internal bool AcrossReversed { get; }

    /// <summary>The voxel axis that runs down the image, and whether it runs bottom to top.</summary>
    internal int DownAxis { get; }

    internal bool DownReversed { get; }

    /// <summary>The plane of <paramref name="volume"/>'s grid as <see cref="ISliceRenderer"/> shows it.</summary>
    public static SliceGeometry Of(Volume volume, SlicePlane plane)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var axes = VoxelAxes.Of(volume.IjkToLps);
        var (normalAxis, acrossAxis, acrossSign, downAxis, downSign) = Layout(plane);
        var (across, acrossDirection) = axes.Along(acrossAxis);
        var (down, downDirection) = axes.Along(downAxis);
        var (si, sj, sk) = volume.Spacing;
        return new SliceGeometry(plane, [volume.SizeX, volume.SizeY, volume.SizeZ], volume.IjkToLps, axes.Along(normalAxis).VoxelAxis,
            across, acrossDirection != acrossSign, down, downDirection != downSign, [si, sj, sk]);
    }

    /// <summary>The voxel shown at pixel (<paramref name="x"/>, <paramref name="y"/>) of slice <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slice or the pixel is outside the plane (the message gives the ranges).</exception>
    public (int I, int J, int K) ToVoxel(int index, int x, int y)
    {
        if ((uint)index >= (uint)Count || (uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(index), string.Create(CultureInfo.InvariantCulture,
                $"Pixel ({x}, {y}) of slice {index} is outside the {Plane.ToString().ToLowerInvariant()} plane: slices 0 to {Count - 1} of {Width}×{Height} pixels."));
        }

        Span<int> voxel = stackalloc int[3];
        voxel[NormalAxis] = index;
        voxel[AcrossAxis] = AcrossReversed ? Width - 1 - x : x;
        voxel[DownAxis] = DownReversed ? Height - 1 - y : y;
        return (voxel[0], voxel[1], voxel[2]);
    }

    /// <summary>Where voxel (<paramref name="i"/>, <paramref name="j"/>, <paramref name="k"/>) is shown: its slice and its pixel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The voxel is outside the grid.</exception>
    public (int Index, int X, int Y) ToPixel(int i, int j, int k)
    {
        if ((uint)i >= (uint)_size[0] || (uint)j >= (uint)_size[1] || (uint)k >= (uint)_size[2])
        {
            throw new ArgumentOutOfRangeException(nameof(i), string.Create(CultureInfo.InvariantCulture,
                $"Voxel [{i}, {j}, {k}] is outside the {_size[0]}×{_size[1]}×{_size[2]} grid."));
        }

        ReadOnlySpan<int> voxel = [i, j, k];
        var x = voxel[AcrossAxis];
        var y = voxel[DownAxis];
        return (voxel[NormalAxis], AcrossReversed ? Width - 1 - x : x, DownReversed ? Height - 1 - y : y);
    }

    /// <summary>
    /// The slice's place along the patient axis the plane is normal to (LPS, mm: x toward the patient's left for
    /// sagittal, y toward posterior for coronal, z toward superior for axial), as viewers show "slice location".
    /// </summary>
    public double PositionMm(int index)
    {
        Span<double> centre = [(_size[0] - 1) / 2.0, (_size[1] - 1) / 2.0, (_size[2] - 1) / 2.0];
        centre[NormalAxis] = index;
        var (x, y, z) = _ijkToLps.Apply(centre[0], centre[1], centre[2]);
        return Plane switch
        {
            SlicePlane.Sagittal => x,
            SlicePlane.Coronal => y,
            _ => z,
        };
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
}
