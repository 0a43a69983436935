using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>A voxel index in the volume's stored grid: i along columns, j along rows, k along slices.</summary>
public readonly record struct VoxelIndex(int I, int J, int K);

/// <summary>What an engine runs on.</summary>
/// <param name="Parameters">The engine's defaults overlaid with the caller's values.</param>
/// <param name="Seeds">Positive labels with their seed voxels; empty when the engine needs none.</param>
/// <param name="Mask">An input label mask on the same grid (e.g. what <c>quantify</c> measures); null when none.</param>
/// <param name="ReferenceMask">A reference segmentation to score against (Dice, Hausdorff 95…); null when none.</param>
public sealed record AnalysisRequest(
    Volume Volume,
    JsonObject Parameters,
    IReadOnlyDictionary<int, IReadOnlyList<VoxelIndex>> Seeds,
    LabelMask? Mask = null,
    LabelMask? ReferenceMask = null);

public readonly record struct AnalysisProgress(int Percent, string Message);
