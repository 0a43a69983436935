using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Engines.LungCt;
using OpenAlgebra.Modules.Inference.Engines.RandomWalker;

namespace OpenAlgebra.Modules.Inference.Phantoms;

/// <summary>
/// The project's synthetic volumes with known truth, at any size, for benchmarks and reference cases: the same
/// generators the engines' validation phantoms use.
/// </summary>
public static class ValidationPhantoms
{
    /// <summary>An axial chest CT (HU) 400 mm across and 300 mm long; truth 1 right lung, 2 left lung.</summary>
    public static ValidationCase ChestCt(int sizeX, int sizeY, int sizeZ, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeX, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeY, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeZ, 16);
        return LungCtPhantoms.Axial(sizeX, sizeY, sizeZ, seed, touching: false);
    }

    /// <summary>
    /// A size³ volume holding a sphere half as wide (label 1) in a background (label 2) with noise, a bias field and
    /// partial volume, seeded sparsely as a user would: a ball of half the sphere's radius at its centre and the grid's
    /// faces, so nearly all voxels are unknowns.
    /// </summary>
    public static ValidationCase SeededSphere(int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 12);
        return RandomWalkerPhantoms.Sphere(size, seed, backgroundSeedRadius: double.PositiveInfinity);
    }
}
