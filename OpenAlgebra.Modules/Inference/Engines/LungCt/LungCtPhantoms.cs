using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Modules.Inference.Engines.LungCt;

/// <summary>
/// Synthetic chest CTs with known lungs (<see cref="SyntheticChest"/>), at a coarse 128×128×64 so the gate runs in
/// seconds: stored axially as DICOM would, with the lungs touching on a grid stored right-to-left and feet-first as a
/// NIfTI may be, and acquired sagittally.
/// </summary>
internal static class LungCtPhantoms
{
    public static IEnumerable<ValidationCase> Cases()
    {
        yield return Axial(128, 128, 64, seed: 1, touching: false);
        yield return Case("chest, lungs touching, flipped axes", new SyntheticChest(2, touching: true), 128, 128, 64, Flipped(128, 128, 64), seed: 2);
        yield return Case("chest, sagittal acquisition", new SyntheticChest(3, touching: false), 96, 64, 128, Sagittal(96, 64, 128), seed: 3);
    }

    /// <summary>An axial chest CT 400 mm across and 300 mm long, centred on the chest.</summary>
    public static ValidationCase Axial(int sizeX, int sizeY, int sizeZ, int seed, bool touching) =>
        Case("chest, axial", new SyntheticChest(seed, touching), sizeX, sizeY, sizeZ,
            PhantomGrid.Axial(sizeX, sizeY, sizeZ, 400.0 / sizeX, 400.0 / sizeY, 300.0 / sizeZ), seed);

    /// <summary>i toward the patient's right and k toward the feet: the same field of view stored the other way round.</summary>
    private static Affine Flipped(int sizeX, int sizeY, int sizeZ)
    {
        double sx = 400.0 / sizeX, sy = 400.0 / sizeY, sz = 300.0 / sizeZ;
        return new([-sx, 0, 0, sx * (sizeX - 1) / 2, 0, sy, 0, -sy * (sizeY - 1) / 2, 0, 0, -sz, sz * (sizeZ - 1) / 2]);
    }

    /// <summary>i toward posterior, j toward the feet, k toward the patient's left: sagittal slices.</summary>
    private static Affine Sagittal(int sizeX, int sizeY, int sizeZ)
    {
        double si = 400.0 / sizeX, sj = 300.0 / sizeY, sk = 400.0 / sizeZ;
        return new([0, 0, sk, -sk * (sizeZ - 1) / 2, si, 0, 0, -si * (sizeX - 1) / 2, 0, -sj, 0, sj * (sizeY - 1) / 2]);
    }

    private static ValidationCase Case(string name, SyntheticChest chest, int sizeX, int sizeY, int sizeZ, Affine affine, int seed)
    {
        var (volume, truth) = chest.Render(sizeX, sizeY, sizeZ, affine, seed);
        return new ValidationCase(name, new AnalysisRequest(volume, [], new Dictionary<int, IReadOnlyList<VoxelIndex>>()),
            new LabelMask(sizeX, sizeY, sizeZ, truth));
    }
}
