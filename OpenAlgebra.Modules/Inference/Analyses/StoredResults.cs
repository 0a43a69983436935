using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>What one run of an analysis stored: its result objects (each may be absent) and a derived series.</summary>
internal sealed record StoredResults(StoredObject? Mask, StoredObject? Segmentation, StoredObject Metrics, string? DerivedSeriesId)
{
    public IEnumerable<string> Keys => new[] { Mask?.Key, Segmentation?.Key, Metrics.Key }.OfType<string>();
}
