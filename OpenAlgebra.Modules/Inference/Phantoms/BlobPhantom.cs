using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Phantoms;

/// <summary>An ellipsoid of one intensity and label, centre and semi-axes in voxels.</summary>
internal readonly record struct Blob(double I, double J, double K, double RadiusI, double RadiusJ, double RadiusK, float Intensity, byte Label)
{
    public double Radius(double i, double j, double k) =>
        Math.Sqrt(Sq((i - I) / RadiusI) + Sq((j - J) / RadiusJ) + Sq((k - K) / RadiusK));

    private static double Sq(double x) => x * x;
}

/// <summary>
/// Ellipsoids on a background the way a scanner shows them: partial volume at their edges (each edge voxel's value
/// mixes by the share of 4×4×4 sub-voxels inside), a smooth multiplicative bias field (±20 % across the grid), and
/// Gaussian noise. The truth gives each voxel the label of the ellipsoid covering at least half of it; seeds are a
/// ball at each ellipsoid's centre (half its size), and for the background the grid's outer faces and every voxel at
/// least <c>backgroundSeedRadius</c> times its size away from each ellipsoid's centre.
/// </summary>
internal static class BlobPhantom
{
    private const int Sub = 4;

    public static ValidationCase Render(string name, int sizeX, int sizeY, int sizeZ, (double I, double J, double K) spacing, float background,
        byte backgroundLabel, Blob[] blobs, float noise, double backgroundSeedRadius, int seed)
    {
        var voxels = new float[sizeX * sizeY * sizeZ];
        var truth = new byte[voxels.Length];
        Parallel.For(0, sizeZ, k =>
        {
            var random = new GaussianNoise(seed, k);
            for (var j = 0; j < sizeY; j++)
            {
                for (var i = 0; i < sizeX; i++)
                {
                    var n = (((k * sizeY) + j) * sizeX) + i;
                    var value = (double)background;
                    truth[n] = backgroundLabel;
                    foreach (var blob in blobs)
                    {
                        var share = Share(blob, i, j, k);
                        value += share * (blob.Intensity - background);
                        if (share >= 0.5)
                        {
                            truth[n] = blob.Label;
                        }
                    }

                    var bias = 1 + (0.2 * (((2.0 * i / (sizeX - 1)) - 1) * 0.7 + (((2.0 * k / (sizeZ - 1)) - 1) * 0.3)));
                    voxels[n] = (float)((value * bias) + (noise * random.Next()));
                }
            }
        });

        var seeds = new Dictionary<int, IReadOnlyList<VoxelIndex>>();
        foreach (var blob in blobs)
        {
            var ball = new List<VoxelIndex>();
            for (var k = 0; k < sizeZ; k++)
            {
                for (var j = 0; j < sizeY; j++)
                {
                    for (var i = 0; i < sizeX; i++)
                    {
                        if (blob.Radius(i, j, k) <= 0.5)
                        {
                            ball.Add(new VoxelIndex(i, j, k));
                        }
                    }
                }
            }

            seeds[blob.Label] = ball;
        }

        seeds[backgroundLabel] = Background(sizeX, sizeY, sizeZ, blobs, backgroundSeedRadius);
        var affine = PhantomGrid.Axial(sizeX, sizeY, sizeZ, spacing.I, spacing.J, spacing.K);
        var volume = new Volume(sizeX, sizeY, sizeZ, 1, 1, voxels, affine);
        return new ValidationCase(name, new AnalysisRequest(volume, [], seeds), new LabelMask(sizeX, sizeY, sizeZ, truth));
    }

    /// <summary>The share of voxel (i, j, k) inside the blob: exact away from its surface, by sub-voxels near it.</summary>
    private static double Share(Blob blob, int i, int j, int k)
    {
        var r = blob.Radius(i, j, k);
        var margin = 1.0 / Math.Min(blob.RadiusI, Math.Min(blob.RadiusJ, blob.RadiusK));
        if (r < 1 - margin)
        {
            return 1;
        }

        if (r > 1 + margin)
        {
            return 0;
        }

        var inside = 0;
        for (var c = 0; c < Sub; c++)
        {
            for (var b = 0; b < Sub; b++)
            {
                for (var a = 0; a < Sub; a++)
                {
                    inside += blob.Radius(i - 0.5 + ((a + 0.5) / Sub), j - 0.5 + ((b + 0.5) / Sub), k - 0.5 + ((c + 0.5) / Sub)) <= 1 ? 1 : 0;
                }
            }
        }

        return (double)inside / (Sub * Sub * Sub);
    }

    private static List<VoxelIndex> Background(int sizeX, int sizeY, int sizeZ, Blob[] blobs, double radius)
    {
        var faces = new List<VoxelIndex>();
        for (var k = 0; k < sizeZ; k++)
        {
            for (var j = 0; j < sizeY; j++)
            {
                for (var i = 0; i < sizeX; i++)
                {
                    if (i == 0 || j == 0 || k == 0 || i == sizeX - 1 || j == sizeY - 1 || k == sizeZ - 1 || blobs.All(b => b.Radius(i, j, k) >= radius))
                    {
                        faces.Add(new VoxelIndex(i, j, k));
                    }
                }
            }
        }

        return faces;
    }
}
