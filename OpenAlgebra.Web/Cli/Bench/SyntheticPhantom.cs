using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// A 512×512 CT-like volume in HU: air around an elliptic body of soft tissue with two lungs and a spine, plus ±20 HU of
/// noise, so a windowed slice compresses about as a real one does (uniform noise would make every PNG a worst case).
/// Axial slices of 0.9765625 mm square pixels, 1 mm apart, k toward superior.
/// </summary>
internal static class SyntheticPhantom
{
    private const int Size = 512;
    private const double PixelMm = 0.9765625;

    public static Volume Create(int slices)
    {
        var voxels = new float[(long)Size * Size * slices];
        Parallel.For(0, slices, k =>
        {
            var slice = voxels.AsSpan(k * Size * Size, Size * Size);
            var state = (uint)(k * 2654435761) | 1;
            for (var j = 0; j < Size; j++)
            {
                for (var i = 0; i < Size; i++)
                {
                    // xorshift32: cheap deterministic noise, the same on every run.
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    slice[(j * Size) + i] = Tissue(i, j, k, slices) + ((state % 41) - 20f);
                }
            }
        });
        return new Volume(Size, Size, slices, 1, 1, voxels,
            new Affine([PixelMm, 0, 0, -250, 0, PixelMm, 0, -250, 0, 0, 1, -slices / 2.0]));
    }

    private static float Tissue(int i, int j, int k, int slices)
    {
        double x = (i - 256) / 220.0, y = (j - 256) / 160.0;
        if ((x * x) + (y * y) > 1)
        {
            return -1000;
        }

        // Lungs narrow toward the top of the stack; the spine runs through all of it.
        var lungWidth = 0.35 * (1 - (0.5 * k / slices));
        double left = (x - 0.45) / lungWidth, right = (x + 0.45) / lungWidth, lungY = (y + 0.1) / 0.6;
        if ((left * left) + (lungY * lungY) < 1 || (right * right) + (lungY * lungY) < 1)
        {
            return -850;
        }

        double spineX = x / 0.12, spineY = (y - 0.7) / 0.18;
        return (spineX * spineX) + (spineY * spineY) < 1 ? 700 : 40;
    }
}
