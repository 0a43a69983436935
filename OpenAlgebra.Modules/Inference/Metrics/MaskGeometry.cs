using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>How a label mask sits on its volume's grid: the checks every metric needs, and the size of a voxel.</summary>
internal static class MaskGeometry
{
    /// <summary>
    /// The volume of one voxel in millilitres: |det| of the affine's 3×3 part, which is the product of the spacings on an
    /// orthogonal grid and still right on a sheared (gantry-tilted) one.
    /// </summary>
    public static double VoxelVolumeMl(Volume volume)
    {
        var a = volume.IjkToLps;
        var determinant =
            (a[0, 0] * ((a[1, 1] * a[2, 2]) - (a[1, 2] * a[2, 1])))
            - (a[0, 1] * ((a[1, 0] * a[2, 2]) - (a[1, 2] * a[2, 0])))
            + (a[0, 2] * ((a[1, 0] * a[2, 1]) - (a[1, 1] * a[2, 0])));
        return Math.Abs(determinant) / 1000.0;
    }

    /// <exception cref="AnalysisInputException">The mask's grid is not the volume's.</exception>
    public static void RequireSameGrid(LabelMask mask, Volume volume, string what)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(volume);
        if (mask.SizeX != volume.SizeX || mask.SizeY != volume.SizeY || mask.SizeZ != volume.SizeZ)
        {
            throw new AnalysisInputException(
                $"The {what} is {mask.SizeX}×{mask.SizeY}×{mask.SizeZ} but the volume is {volume.SizeX}×{volume.SizeY}×{volume.SizeZ}.");
        }
    }

    /// <exception cref="AnalysisInputException">The two masks are on different grids.</exception>
    public static void RequireSameGrid(LabelMask mask, LabelMask reference)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(reference);
        if (mask.SizeX != reference.SizeX || mask.SizeY != reference.SizeY || mask.SizeZ != reference.SizeZ)
        {
            throw new AnalysisInputException(
                $"The reference mask is {reference.SizeX}×{reference.SizeY}×{reference.SizeZ} but the mask is {mask.SizeX}×{mask.SizeY}×{mask.SizeZ}.");
        }
    }
}
