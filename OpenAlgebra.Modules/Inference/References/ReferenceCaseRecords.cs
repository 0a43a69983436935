using System.Text.Json.Nodes;

namespace OpenAlgebra.Modules.Inference.References;

/// <summary>
/// A case an admin adds to an engine's validation set: a stored series with its true segmentation (for example one
/// contoured by hand at the site), and the seeds and parameters the engine runs it with.
/// </summary>
public sealed record ReferenceCase(
    string Id,
    string Engine,
    string Name,
    string SeriesId,
    IReadOnlyList<int> Labels,
    JsonObject Seeds,
    JsonObject Parameters,
    string CreatedBy,
    DateTimeOffset CreatedAt);

/// <param name="Mask">A NIfTI-1 label volume (.nii or .nii.gz) on the series' voxel grid; labels are integers 0–255, 0 is background.</param>
/// <param name="Seeds">For engines that need seeds, as for an analysis: <c>{"&lt;label&gt;": [[i, j, k], …], …}</c>.</param>
/// <param name="Parameters">Values overlaid on the engine's defaults when the case runs; null for the defaults.</param>
public sealed record ReferenceCaseUpload(string Name, string SeriesId, Stream Mask, JsonNode? Seeds, JsonNode? Parameters);
