namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>value = Slope · stored + Intercept, in double precision as nibabel's get_fdata computes it.</summary>
internal readonly record struct VoxelScaling(double Slope, double Intercept)
{
    public static VoxelScaling None { get; } = new(1, 0);

    public bool IsIdentity => Slope == 1 && Intercept == 0;

    /// <summary>
    /// The scaling a header asks for. nifti1.h: a slope of 0 means none, and RGB voxels are never scaled; a slope that
    /// is not a number means none too (nibabel and nifti1_io agree). An unusable intercept with a usable slope is corrupt.
    /// </summary>
    public static VoxelScaling Of(NiftiHeader header, VoxelFormat format)
    {
        if (!format.Scaled || header.SclSlope == 0 || !double.IsFinite(header.SclSlope))
        {
            return None;
        }

        if (!double.IsFinite(header.SclInter))
        {
            throw new NiftiFormatException($"Header field scl_inter is {header.SclInter} while scl_slope is {header.SclSlope}: the intercept must be a finite number.");
        }

        return new VoxelScaling(header.SclSlope, header.SclInter);
    }
}
