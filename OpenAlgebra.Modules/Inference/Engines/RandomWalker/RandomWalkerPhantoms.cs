using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Modules.Inference.Engines.RandomWalker;

/// <summary>
/// Spheres and ellipsoids with noise, a bias field and partial volume (<see cref="BlobPhantom"/>), seeded inside
/// each object and on the grid's faces: two labels on an isotropic grid, three on an anisotropic one.
/// </summary>
internal static class RandomWalkerPhantoms
{
    public static IEnumerable<ValidationCase> Cases()
    {
        yield return Sphere(48, seed: 1);
        yield return BlobPhantom.Render("two ellipsoids, anisotropic, 3 labels", 56, 48, 32, (0.8, 0.8, 1.6), background: 100, backgroundLabel: 3,
        [
            new Blob(18, 24, 16, 11, 14, 9, 220, 1),
            new Blob(40, 22, 15, 9, 10, 7, 320, 2),
        ], noise: 25, seed: 2, new JsonObject());
    }

    /// <summary>A sphere a quarter of the grid across at its centre (label 1) in the background (label 2), contrast 100, noise 20.</summary>
    public static ValidationCase Sphere(int size, int seed)
    {
        var centre = (size - 1) / 2.0;
        return BlobPhantom.Render("sphere with bias field, 2 labels", size, size, size, (1, 1, 1), background: 100, backgroundLabel: 2,
            [new Blob(centre, centre, centre, size / 4.0, size / 4.0, size / 4.0, 200, 1)], noise: 20, seed, new JsonObject());
    }
}
