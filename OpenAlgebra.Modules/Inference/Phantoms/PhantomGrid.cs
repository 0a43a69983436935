using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Inference.Phantoms;

/// <summary>The geometry phantoms share: an axis-aligned LPS grid of the given spacing whose centre is the origin.</summary>
internal static class PhantomGrid
{
    public static Affine Axial(int sizeX, int sizeY, int sizeZ, double spacingX, double spacingY, double spacingZ) => new(
    [
        spacingX, 0, 0, -spacingX * (sizeX - 1) / 2,
        0, spacingY, 0, -spacingY * (sizeY - 1) / 2,
        0, 0, spacingZ, -spacingZ * (sizeZ - 1) / 2,
    ]);

    public static Volume Volume(int sizeX, int sizeY, int sizeZ, float[] voxels, Affine affine) => new(sizeX, sizeY, sizeZ, 1, 1, voxels, affine);
}
