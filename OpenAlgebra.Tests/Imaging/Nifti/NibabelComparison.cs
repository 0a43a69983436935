using System.Globalization;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>Where this codec's reading of a file differs from nibabel's: shape, affine (best, sform, qform) and every voxel.</summary>
internal static class NibabelComparison
{
    public const double AffineTolerance = 1e-4;

    /// <summary>
    /// Near a 180° rotation the quaternion's a = √(1 − b² − c² − d²) is the root of float32 rounding noise. nibabel
    /// takes that root (a ≈ 3e-5 for example4d, off-diagonals ≈ 1.4e-4); nifti1_io, which this codec follows, calls it
    /// 180° and renormalises (off-diagonals 0, as in the same file's sform). The two agree to this tolerance.
    /// </summary>
    public const double QformTolerance = 1e-3;

    public static IEnumerable<string> Differences(string name, NibabelView nibabel, NiftiHeader header, NiftiImage image)
    {
        foreach (var (what, theirs, mine, tolerance) in new[]
        {
            ("sform", nibabel.Sform, NiftiGeometry.Sform(header), AffineTolerance),
            ("qform", nibabel.Qform, NiftiGeometry.Qform(header), QformTolerance),
        })
        {
            if (theirs is null || !mine.ApproximatelyEquals(theirs, tolerance))
            {
                yield return $"{name}: {what} {mine}, nibabel {theirs}";
            }
        }

        foreach (var difference in VolumeDifferences(name, nibabel, image.Volume))
        {
            yield return difference;
        }
    }

    /// <summary>Shape, affine and every voxel of a volume read from a file (or from a stored copy of it) against nibabel's reading of the file.</summary>
    public static IEnumerable<string> VolumeDifferences(string name, NibabelView nibabel, Volume volume)
    {
        int[] shape = [.. nibabel.Shape, .. Enumerable.Repeat(1, Math.Max(0, 4 - nibabel.Shape.Length))];
        int[] ours = [volume.SizeX, volume.SizeY, volume.SizeZ, volume.Frames];
        if (!shape.SequenceEqual(ours) || volume.Channels != 1)
        {
            yield return $"{name}: shape {string.Join('×', ours)} ({volume.Channels} channels), nibabel {string.Join('×', shape)}";
        }

        if (nibabel.Affine is null || !volume.IjkToRas.ApproximatelyEquals(nibabel.Affine, AffineTolerance))
        {
            yield return $"{name}: affine {volume.IjkToRas}, nibabel {nibabel.Affine}";
        }

        var expected = nibabel.Voxels ?? [];
        if (expected.Length != volume.Voxels.Length)
        {
            yield return $"{name}: {volume.Voxels.Length} voxel values, nibabel {expected.Length}";
            yield break;
        }

        var wrong = Enumerable.Range(0, expected.Length).Where(n => !Same(volume.Voxels[n], expected[n])).ToList();
        if (wrong.Count > 0)
        {
            var n = wrong[0];
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{name}: {wrong.Count} voxels differ from nibabel's get_fdata(), first at {n}: {volume.Voxels[n]} vs {expected[n]}");
        }
    }

    private static bool Same(float mine, float theirs) =>
        (float.IsNaN(mine) && float.IsNaN(theirs)) || Math.Abs(mine - theirs) <= 1e-6 * Math.Max(1, Math.Abs(theirs));
}
