namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>
/// Labels on a volume's voxel grid (0 = background), indexed like <see cref="Imaging.Volumes.Volume"/>:
/// <c>(k·SizeY + j)·SizeX + i</c>. Its geometry is its source volume's.
/// </summary>
public sealed class LabelMask
{
    public LabelMask(int sizeX, int sizeY, int sizeZ, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if ((long)sizeX * sizeY * sizeZ != labels.Length)
            throw new ArgumentException($"{labels.Length} labels do not fill a {sizeX}×{sizeY}×{sizeZ} grid.", nameof(labels));
        SizeX = sizeX;
        SizeY = sizeY;
        SizeZ = sizeZ;
        Labels = labels;
    }

    public int SizeX { get; }
    public int SizeY { get; }
    public int SizeZ { get; }
    public byte[] Labels { get; }

    public byte this[int i, int j, int k] => Labels[((long)k * SizeY + j) * SizeX + i];
}
