using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Tests.Inference;

/// <summary>
/// A small CT-like volume, not cubic so that axes cannot be confused: -1000 HU air around a 200 HU box at
/// i 3–7, j 2–6, k 2–5, with voxels 0.8 × 0.7 × 2 mm.
/// </summary>
internal static class TestPhantom
{
    public const int SizeX = 12;
    public const int SizeY = 10;
    public const int SizeZ = 8;
    public const float Air = -1000;
    public const float Box = 200;

    public static Affine IjkToLps { get; } = new([0.8, 0, 0, -40.5, 0, 0.7, 0, -12.25, 0, 0, 2, 31]);

    public static bool InBox(int i, int j, int k) => i is >= 3 and < 8 && j is >= 2 and < 7 && k is >= 2 and < 6;

    public static Volume Volume()
    {
        var voxels = new float[SizeX * SizeY * SizeZ];
        for (var k = 0; k < SizeZ; k++)
        {
            for (var j = 0; j < SizeY; j++)
            {
                for (var i = 0; i < SizeX; i++)
                {
                    voxels[(((k * SizeY) + j) * SizeX) + i] = InBox(i, j, k) ? Box : Air;
                }
            }
        }

        return new Volume(SizeX, SizeY, SizeZ, 1, 1, voxels, IjkToLps);
    }

    /// <summary>The box as label <paramref name="label"/>.</summary>
    public static LabelMask Truth(byte label = 1) => Mask(Volume(), v => v > 0 ? label : (byte)0);

    public static LabelMask Mask(Volume volume, Func<float, byte> label)
    {
        var labels = new byte[volume.SizeX * volume.SizeY * volume.SizeZ];
        for (var n = 0; n < labels.Length; n++)
        {
            labels[n] = label(volume.Voxels[n]);
        }

        return new LabelMask(volume.SizeX, volume.SizeY, volume.SizeZ, labels);
    }
}
