using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Inference.Phantoms;

/// <summary>
/// A synthetic chest CT in patient coordinates (LPS, mm, origin mid-chest): air around an elliptical body of soft
/// tissue (40 HU) under a layer of fat (−100 HU) on a table, two lungs (−850 HU) with vessels (40 HU) inside, the heart
/// between them, the trachea descending to the carina and the two main bronchi to the lungs, the spine (700 HU), a gas
/// bubble in the stomach, and Gaussian noise of 20 HU. The truth labels the lungs (vessels included, airways outside
/// them and heart excluded): 1 right (x &lt; 0), 2 left. With <c>touching</c> the lungs meet in front of the heart.
/// </summary>
internal sealed class SyntheticChest
{
    private const float Air = -1000, Fat = -100, Tissue = 40, Lung = -850, Bone = 700, Table = 150, NoiseHu = 20;
    private readonly Ellipsoid[] _lungs;
    private readonly Ellipsoid[] _junctions;
    private readonly Ellipsoid _heart = new(15, -10, -70, 55, 45, 45);
    private readonly Ellipsoid _stomachGas = new(60, -30, -150, 30, 25, 15);
    private readonly Tube _trachea = new((0, -10, 200), (0, -10, 40), 9);
    private readonly Tube[] _bronchi = [new((0, -10, 40), (-62, -5, 5), 6), new((0, -10, 40), (62, -5, 5), 6)];
    private readonly Tube[] _vessels;
    private readonly bool _touching;

    public SyntheticChest(int seed, bool touching)
    {
        _touching = touching;
        _lungs = [new(-75, 0, -20, 55, 80, 120), new(75, 0, -20, 55, 80, 120)];
        _junctions = touching ? [new(-25, -62, -10, 28, 16, 60), new(25, -62, -10, 28, 16, 60)] : [];
        var random = new Random(seed);
        _vessels = [.. Enumerable.Range(0, 16).Select(n => Vessel(_lungs[n % 2], random))];
    }

    /// <summary>Fills a volume on <paramref name="affine"/>'s grid, slices in parallel with one noise stream per slice.</summary>
    public (Volume Volume, byte[] Truth) Render(int sizeX, int sizeY, int sizeZ, Affine affine, int seed)
    {
        var voxels = new float[checked(sizeX * sizeY * sizeZ)];
        var truth = new byte[voxels.Length];
        Parallel.For(0, sizeZ, k =>
        {
            var noise = new GaussianNoise(seed, k);
            for (var j = 0; j < sizeY; j++)
            {
                for (var i = 0; i < sizeX; i++)
                {
                    var (x, y, z) = affine.Apply(i, j, k);
                    var (hu, label) = At(x, y, z);
                    var n = (((k * sizeY) + j) * sizeX) + i;
                    voxels[n] = hu + (float)(NoiseHu * noise.Next());
                    truth[n] = label;
                }
            }
        });
        return (new Volume(sizeX, sizeY, sizeZ, 1, 1, voxels, affine), truth);
    }

    private (float Hu, byte Label) At(double x, double y, double z)
    {
        var body = Sq(x / 170) + Sq(y / 120);
        if (body > 1)
        {
            return (y is > 130 and < 145 && Math.Abs(x) < 180 ? Table : Air, 0);
        }

        if (_trachea.Contains(x, y, z) || _bronchi[0].Contains(x, y, z) || _bronchi[1].Contains(x, y, z))
        {
            return (Air, InLung(x, y, z) ? Side(x) : (byte)0);
        }

        if (InLung(x, y, z))
        {
            return (_vessels.Any(v => v.Contains(x, y, z)) ? Tissue : Lung, Side(x));
        }

        if (_stomachGas.Contains(x, y, z))
        {
            return (Air, 0);
        }

        if (Sq(x / 18) + Sq((y - 85) / 18) <= 1)
        {
            return (Bone, 0);
        }

        return (Sq(x / 158) + Sq(y / 108) > 1 ? Fat : Tissue, 0);
    }

    private bool InLung(double x, double y, double z)
    {
        if (_heart.Contains(x, y, z))
        {
            return false;
        }

        var inLung = _lungs[0].Contains(x, y, z) || _lungs[1].Contains(x, y, z);
        return _touching ? inLung || _junctions[0].Contains(x, y, z) || _junctions[1].Contains(x, y, z) : inLung;
    }

    private static byte Side(double x) => x < 0 ? (byte)1 : (byte)2;

    /// <summary>A vessel segment through a random point well inside the lung, kept inside it so it is a hole in the air.</summary>
    private static Tube Vessel(Ellipsoid lung, Random random)
    {
        (double X, double Y, double Z) Inside(double scale) => (
            lung.X + (lung.A * scale * ((2 * random.NextDouble()) - 1)),
            lung.Y + (lung.B * scale * ((2 * random.NextDouble()) - 1)),
            lung.Z + (lung.C * scale * ((2 * random.NextDouble()) - 1)));
        return new Tube(Inside(0.35), Inside(0.45), 2.5 + (2 * random.NextDouble()));
    }

    private static double Sq(double v) => v * v;

    private readonly record struct Ellipsoid(double X, double Y, double Z, double A, double B, double C)
    {
        public bool Contains(double x, double y, double z) => Sq((x - X) / A) + Sq((y - Y) / B) + Sq((z - Z) / C) <= 1;
    }

    /// <summary>A cylinder of the given radius around the segment from one point to the other (capped flat).</summary>
    private readonly record struct Tube((double X, double Y, double Z) From, (double X, double Y, double Z) To, double Radius)
    {
        public bool Contains(double x, double y, double z)
        {
            double dx = To.X - From.X, dy = To.Y - From.Y, dz = To.Z - From.Z;
            double px = x - From.X, py = y - From.Y, pz = z - From.Z;
            var length2 = (dx * dx) + (dy * dy) + (dz * dz);
            var t = ((px * dx) + (py * dy) + (pz * dz)) / length2;
            if (t is < 0 or > 1)
            {
                return false;
            }

            return Sq(px - (t * dx)) + Sq(py - (t * dy)) + Sq(pz - (t * dz)) <= Radius * Radius;
        }
    }
}
