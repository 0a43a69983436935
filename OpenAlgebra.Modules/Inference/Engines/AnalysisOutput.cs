using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>A probability map for one label, on the source grid.</summary>
public sealed record ProbabilityMap(int Label, float[] Probabilities);

/// <summary>What an engine produced: any of a mask, probability maps, a derived volume, and always metrics.</summary>
/// <param name="Derived">A new volume on the source geometry (e.g. <c>tv-denoise</c>'s output), stored as a derived series.</param>
public sealed record AnalysisOutput(
    LabelMask? Mask,
    IReadOnlyList<ProbabilityMap> Probabilities,
    Volume? Derived,
    JsonObject Metrics);
