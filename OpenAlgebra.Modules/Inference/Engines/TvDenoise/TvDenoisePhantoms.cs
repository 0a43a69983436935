using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Modules.Inference.Engines.TvDenoise;

/// <summary>
/// A noisy piecewise-constant phantom: an ellipsoid and a box at 100 on a background of 40 (a lesion in liver, in HU),
/// with Gaussian noise of σ 25, on a 64×64×24 grid of 1 × 1 × 2 mm. Thresholding the noisy volume half-way (70) scores
/// a Dice of only about 0.63; the denoised volume, thresholded the same, must reach the gate.
/// </summary>
internal static class TvDenoisePhantoms
{
    private const int SizeX = 64, SizeY = 64, SizeZ = 24;
    private const float Background = 40, Lesion = 100, Noise = 25;

    public static IEnumerable<ValidationCase> Cases()
    {
        yield return Case("lesions 2d", "2d", seed: 1);
        yield return Case("lesions 3d", "3d", seed: 2);
    }

    internal static bool InLesion(int i, int j, int k) =>
        (Sq((i - 22) / 14.0) + Sq((j - 30) / 16.0) + Sq((k - 12) * 2 / 18.0) < 1)
        || (Math.Abs(i - 48) < 7 && Math.Abs(j - 44) < 9 && Math.Abs(k - 10) < 6);

    private static ValidationCase Case(string name, string mode, int seed)
    {
        var voxels = new float[SizeX * SizeY * SizeZ];
        var truth = new byte[voxels.Length];
        for (var k = 0; k < SizeZ; k++)
        {
            var noise = new GaussianNoise(seed, k);
            for (var j = 0; j < SizeY; j++)
            {
                for (var i = 0; i < SizeX; i++)
                {
                    var n = (((k * SizeY) + j) * SizeX) + i;
                    var inside = InLesion(i, j, k);
                    truth[n] = inside ? (byte)1 : (byte)0;
                    voxels[n] = (inside ? Lesion : Background) + (float)(Noise * noise.Next());
                }
            }
        }

        var volume = PhantomGrid.Volume(SizeX, SizeY, SizeZ, voxels, PhantomGrid.Axial(SizeX, SizeY, SizeZ, 1, 1, 2));
        var parameters = new JsonObject { ["weight"] = 25.0, ["mode"] = mode, ["threshold"] = (Background + Lesion) / 2 };
        return new ValidationCase(name, new AnalysisRequest(volume, parameters, new Dictionary<int, IReadOnlyList<VoxelIndex>>()),
            new LabelMask(SizeX, SizeY, SizeZ, truth));
    }

    private static double Sq(double x) => x * x;
}
