using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// Which voxel axis (0 = i, 1 = j, 2 = k) runs closest to each patient axis (0 = x toward the patient's left,
/// 1 = y toward posterior, 2 = z toward superior: LPS), and whether it runs along it (+1) or against it (−1).
/// </summary>
internal readonly struct VoxelAxes
{
    private readonly (int VoxelAxis, int Sign) _x;
    private readonly (int VoxelAxis, int Sign) _y;
    private readonly (int VoxelAxis, int Sign) _z;

    private VoxelAxes((int, int) x, (int, int) y, (int, int) z)
    {
        _x = x;
        _y = y;
        _z = z;
    }

    /// <summary>
    /// Greedy on the direction cosines, as nibabel's io_orientation: the voxel axis and patient axis with the largest
    /// |cosine| are paired first, then the largest of what remains, so every voxel axis gets its own patient axis even
    /// for a strongly oblique volume. Ties (and a degenerate affine) keep i, j, k on x, y, z.
    /// </summary>
    public static VoxelAxes Of(Affine ijkToLps)
    {
        Span<double> cosine = stackalloc double[9];
        for (var c = 0; c < 3; c++)
        {
            var length = Math.Sqrt((ijkToLps[0, c] * ijkToLps[0, c]) + (ijkToLps[1, c] * ijkToLps[1, c]) + (ijkToLps[2, c] * ijkToLps[2, c]));
            for (var r = 0; r < 3; r++)
            {
                var value = ijkToLps[r, c] / length;
                cosine[(r * 3) + c] = double.IsFinite(value) ? value : 0;
            }
        }

        Span<(int, int)> alongPatientAxis = stackalloc (int, int)[3];
        int usedRows = 0, usedColumns = 0;
        for (var pair = 0; pair < 3; pair++)
        {
            int bestRow = -1, bestColumn = -1;
            var best = -1.0;
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var magnitude = Math.Abs(cosine[(r * 3) + c]);
                    var free = (usedRows & (1 << r)) == 0 && (usedColumns & (1 << c)) == 0;
                    if (free && (magnitude > best || (magnitude == best && r == c)))
                    {
                        (best, bestRow, bestColumn) = (magnitude, r, c);
                    }
                }
            }

            usedRows |= 1 << bestRow;
            usedColumns |= 1 << bestColumn;
            alongPatientAxis[bestRow] = (bestColumn, cosine[(bestRow * 3) + bestColumn] < 0 ? -1 : 1);
        }

        return new VoxelAxes(alongPatientAxis[0], alongPatientAxis[1], alongPatientAxis[2]);
    }

    /// <summary>The voxel axis that runs along <paramref name="patientAxis"/>, and +1 or −1 for its direction.</summary>
    public (int VoxelAxis, int Sign) Along(int patientAxis) => patientAxis switch
    {
        0 => _x,
        1 => _y,
        2 => _z,
        _ => throw new ArgumentOutOfRangeException(nameof(patientAxis), patientAxis, "A patient axis is 0 (x), 1 (y) or 2 (z)."),
    };
}
