using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>
/// The results of a succeeded analysis as a viewer shows them: its mask over the images and its metrics beside them.
/// Like slices, these views are not audited one by one (opening the study is); downloading a result is an export, and
/// goes through <see cref="IAnalysisService.OpenResultAsync"/>. Recently used masks stay decoded in memory within
/// <c>OpenAlgebra:Analyses:MaskCacheMegabytes</c> (one byte a voxel), so scrolling through an overlay decrypts and
/// decodes the mask once.
/// </summary>
public interface IResultViews
{
    /// <summary>The mask on its series' grid (i column, j row, k slice). Shared: read it, do not change it.</summary>
    /// <exception cref="InferenceNotFoundException">No such analysis, or it produced no mask.</exception>
    /// <exception cref="InferenceConflictException">The analysis has not succeeded.</exception>
    Task<LabelMask> GetMaskAsync(string analysisId, CancellationToken cancellationToken = default);

    /// <summary>The engine's metrics (the <c>metrics</c> object of <c>metrics.json</c>).</summary>
    /// <exception cref="InferenceNotFoundException">No such analysis.</exception>
    /// <exception cref="InferenceConflictException">The analysis has not succeeded.</exception>
    Task<JsonObject> GetMetricsAsync(string analysisId, CancellationToken cancellationToken = default);
}
