using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>Masks an analysis takes from earlier analyses of the same series: what <c>quantify</c> measures, and a reference to score against.</summary>
internal sealed class MaskInputs(AnalysisStore store, ResultViews results)
{
    /// <exception cref="InferenceRequestException">No such analysis, another series, not succeeded, or no mask.</exception>
    public async Task CheckAsync(string? analysisId, string field, string seriesId, CancellationToken cancellationToken)
    {
        if (analysisId is null)
        {
            return;
        }

        var source = await store.GetAsync(analysisId, cancellationToken).ConfigureAwait(false);
        var problem = source switch
        {
            null => $"No analysis '{analysisId}'.",
            { SeriesId: var other } when other != seriesId => $"Analysis '{analysisId}' is of series '{other}', not '{seriesId}'.",
            { State: var state } when state != nameof(AnalysisState.Succeeded) => $"Analysis '{analysisId}' is {state}; only a succeeded analysis has a mask.",
            { MaskKey: null } => $"Analysis '{analysisId}' produced no mask.",
            _ => null,
        };
        if (problem is not null)
        {
            throw new InferenceRequestException(field, problem);
        }
    }

    /// <returns>null when no analysis is named.</returns>
    /// <exception cref="AnalysisInputException">The analysis or its mask is gone, or its grid is not the volume's.</exception>
    public async Task<LabelMask?> LoadAsync(string? analysisId, Volume volume, CancellationToken cancellationToken)
    {
        if (analysisId is null)
        {
            return null;
        }

        var source = await store.GetAsync(analysisId, cancellationToken).ConfigureAwait(false);
        var labels = source is null ? null : await results.ReadMaskAsync(source, cancellationToken).ConfigureAwait(false);
        if (labels is null)
        {
            throw new AnalysisInputException($"the mask of analysis '{analysisId}' is no longer stored");
        }

        if (labels.SizeX != volume.SizeX || labels.SizeY != volume.SizeY || labels.SizeZ != volume.SizeZ)
        {
            throw new AnalysisInputException($"the mask of analysis '{analysisId}' is not on the series grid");
        }

        return labels;
    }
}
