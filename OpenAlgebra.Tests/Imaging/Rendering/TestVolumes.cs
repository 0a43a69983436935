using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>Small volumes with known geometry: background 0 and one bright voxel whose patient position is known.</summary>
internal static class TestVolumes
{
    public const float Bright = 1000;

    /// <summary>
    /// An affine whose voxel axes i, j, k run along the given LPS directions with the given spacings (mm), from the origin.
    /// </summary>
    public static Affine Axes((double X, double Y, double Z) i, (double X, double Y, double Z) j, (double X, double Y, double Z) k,
        double si = 1, double sj = 1, double sk = 1) =>
        new([i.X * si, j.X * sj, k.X * sk, 0, i.Y * si, j.Y * sj, k.Y * sk, 0, i.Z * si, j.Z * sj, k.Z * sk, 0]);

    /// <summary>A <paramref name="sizeX"/>×<paramref name="sizeY"/>×<paramref name="sizeZ"/> gray volume, 0 but for voxel (i, j, k).</summary>
    public static Volume WithBrightVoxel(int sizeX, int sizeY, int sizeZ, Affine affine, (int I, int J, int K) bright)
    {
        var voxels = new float[sizeX * sizeY * sizeZ];
        voxels[(((bright.K * sizeY) + bright.J) * sizeX) + bright.I] = Bright;
        return new Volume(sizeX, sizeY, sizeZ, 1, 1, voxels, affine);
    }

    /// <summary>A volume of <paramref name="channels"/> per voxel whose value encodes its place: 1000·channel + 100·k + 10·j + i.</summary>
    public static Volume Coded(int sizeX, int sizeY, int sizeZ, int channels, int frames = 1)
    {
        var voxels = new float[sizeX * sizeY * sizeZ * channels * frames];
        for (var t = 0; t < frames; t++)
        {
            for (var k = 0; k < sizeZ; k++)
            {
                for (var j = 0; j < sizeY; j++)
                {
                    for (var i = 0; i < sizeX; i++)
                    {
                        for (var c = 0; c < channels; c++)
                        {
                            voxels[(((((((t * sizeZ) + k) * sizeY) + j) * sizeX) + i) * channels) + c] = (t * 10000) + (c * 1000) + (k * 100) + (j * 10) + i;
                        }
                    }
                }
            }
        }

        return new Volume(sizeX, sizeY, sizeZ, frames, channels, voxels, Affine.Identity);
    }

    /// <summary>Row and column of the only pixel brighter than mid-gray; fails unless there is exactly one.</summary>
    public static (int Column, int Row) BrightPixel(byte[] pixels, int width)
    {
        var bright = pixels.Select((level, at) => (level, at)).Where(p => p.level > 127).ToArray();
        Assert.True(bright.Length == 1, $"expected one bright pixel, found {bright.Length}");
        return (bright[0].at % width, bright[0].at / width);
    }
}
