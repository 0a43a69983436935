using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Modules.Inference.Engines.RandomWalker;

/// <summary>
/// Spheres and ellipsoids with noise, a bias field and partial volume (<see cref="BlobPhantom"/>), seeded inside
/// each object and outside twice its size: two labels on an isotropic grid, three on an anisotropic one. (With the
/// background seeded only on the grid's faces, noise and partial volume let the walks leak: the random walker's
/// known bias toward the label with more seeds shrinks the objects to a Dice of about 0.7.)
/// </summary>
internal static class RandomWalkerPhantoms
{
    public static IEnumerable<ValidationCase> Cases()
    {
        yield return Sphere(48, seed: 1, backgroundSeedRadius: 2);
        yield return BlobPhantom.Render("two ellipsoids, anisotropic, 3 labels", 56, 48, 32, (0.8, 0.8, 1.6), background: 100, backgroundLabel: 3,
        [
            new Blob(18, 24, 16, 11, 14, 9, 260, 1),
            new Blob(40, 22, 15, 9, 10, 7, 360, 2),
        ], noise: 20, backgroundSeedRadius: 2, seed: 2);
    }

    /// <summary>A sphere half the grid across at its centre (label 1) in the background (label 2), contrast 100, noise 20.</summary>
    public static ValidationCase Sphere(int size, int seed, double backgroundSeedRadius)
    {
        var centre = (size - 1) / 2.0;
        return BlobPhantom.Render("sphere with bias field, 2 labels", size, size, size, (1, 1, 1), background: 100, backgroundLabel: 2,
            [new Blob(centre, centre, centre, size / 4.0, size / 4.0, size / 4.0, 200, 1)], noise: 20, backgroundSeedRadius, seed);
    }
}
