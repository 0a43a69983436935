using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>The smallest box of voxel indices holding a label, both corners inclusive.</summary>
internal readonly record struct BoundingBox(VoxelIndex Min, VoxelIndex Max)
{
    public int SizeI => Max.I - Min.I + 1;
    public int SizeJ => Max.J - Min.J + 1;
    public int SizeK => Max.K - Min.K + 1;

    public BoundingBox Union(BoundingBox other) => new(
        new VoxelIndex(Math.Min(Min.I, other.Min.I), Math.Min(Min.J, other.Min.J), Math.Min(Min.K, other.Min.K)),
        new VoxelIndex(Math.Max(Max.I, other.Max.I), Math.Max(Max.J, other.Max.J), Math.Max(Max.K, other.Max.K)));
}
