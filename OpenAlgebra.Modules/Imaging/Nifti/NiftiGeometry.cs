using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Voxel index → NIfTI world (RAS, mm) from the header, by the three methods of nifti1.h.</summary>
internal static class NiftiGeometry
{
    public const string NoPositionWarning =
        "Neither sform_code nor qform_code is set: the voxel spacing is known but not the image's position or orientation in the patient (NIfTI method 1).";

    /// <summary>The sform when sform_code &gt; 0, else the qform when qform_code &gt; 0, else method 1 with a warning.</summary>
    public static (Affine IjkToRas, string? Warning) Best(NiftiHeader header)
    {
        if (header.SformCode > 0)
        {
            return (Sform(header), null);
        }

        return header.QformCode > 0 ? (Qform(header), null) : (MethodOne(header), NoPositionWarning);
    }

    /// <summary>Method 3: the rows srow_x, srow_y, srow_z.</summary>
    public static Affine Sform(NiftiHeader header)
    {
        if (header.Srow.Any(v => !double.IsFinite(v)))
        {
            throw new NiftiFormatException($"Header fields srow_x/srow_y/srow_z hold a value that is not a finite number (sform_code {header.SformCode}).");
        }

        return new Affine([.. header.Srow]);
    }

    /// <summary>Method 2: rotation from the quaternion, spacing from pixdim[1..3], qfac = sign of pixdim[0], then the offsets.</summary>
    public static Affine Qform(NiftiHeader header)
    {
        double[] fields = [header.QuaternB, header.QuaternC, header.QuaternD, header.QOffsetX, header.QOffsetY, header.QOffsetZ];
        if (fields.Any(v => !double.IsFinite(v)))
        {
            throw new NiftiFormatException(
                $"Header fields quatern_b/c/d and qoffset_x/y/z hold a value that is not a finite number (qform_code {header.QformCode}).");
        }

        var r = NiftiQuaternion.ToRotation(header.QuaternB, header.QuaternC, header.QuaternD);
        // pixdim[0] is qfac; 0 (older writers) counts as 1, as in nifti1_io.
        var qfac = header.PixDim[0] < 0 ? -1 : 1;
        var (dx, dy, dz) = (Spacing(header, 1), Spacing(header, 2), Spacing(header, 3) * qfac);
        return new Affine(
        [
            r[0] * dx, r[1] * dy, r[2] * dz, header.QOffsetX,
            r[3] * dx, r[4] * dy, r[5] * dz, header.QOffsetY,
            r[6] * dx, r[7] * dy, r[8] * dz, header.QOffsetZ,
        ]);
    }

    /// <summary>Method 1, for Analyze-era files: scale by the voxel spacing, nothing else.</summary>
    public static Affine MethodOne(NiftiHeader header) =>
        new([Spacing(header, 1), 0, 0, 0, 0, Spacing(header, 2), 0, 0, 0, 0, Spacing(header, 3), 0]);

    /// <summary>The quaternion form (b, c, d, qfac, spacing) of an affine's rotation and scaling, for writing a qform.</summary>
    public static (double B, double C, double D, double Qfac, double Dx, double Dy, double Dz) ToQform(Affine ijkToRas)
    {
        var (dx, dy, dz) = ijkToRas.Spacing;
        double[] directions =
        [
            ijkToRas[0, 0] / dx, ijkToRas[0, 1] / dy, ijkToRas[0, 2] / dz,
            ijkToRas[1, 0] / dx, ijkToRas[1, 1] / dy, ijkToRas[1, 2] / dz,
            ijkToRas[2, 0] / dx, ijkToRas[2, 1] / dy, ijkToRas[2, 2] / dz,
        ];
        var (b, c, d, qfac) = NiftiQuaternion.FromDirections(directions);
        return (b, c, d, qfac, dx, dy, dz);
    }

    /// <summary>pixdim[n] as a spacing; zero, negative or not a number reads as 1 mm, as nifti1_io does.</summary>
    private static double Spacing(NiftiHeader header, int n)
    {
        var value = header.PixDim[n];
        return double.IsFinite(value) && value > 0 ? value : 1;
    }
}
