using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>Masks an analysis takes from earlier analyses of the same series: what <c>quantify</c> measures, and a reference to score against.</summary>
internal sealed class MaskInputs(AnalysisStore store, IEncryptedObjectStore objects, INiftiCodec nifti)
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
        if (source?.Result(AnalysisResultNames.Mask) is not { } mask)
        {
            throw new AnalysisInputException($"the mask of analysis '{analysisId}' is no longer stored");
        }

        Volume labels;
        await using (var stream = await objects.OpenReadAsync(mask.Key, mask.Sha256, cancellationToken).ConfigureAwait(false)
            ?? throw new IntegrityException(mask.Key, "the analysis refers to it but the object store has no such object."))
        {
            labels = nifti.Read(stream);
        }

        if (labels.SizeX != volume.SizeX || labels.SizeY != volume.SizeY || labels.SizeZ != volume.SizeZ)
        {
            throw new AnalysisInputException($"the mask of analysis '{analysisId}' is not on the series grid");
        }

        var bytes = new byte[labels.Voxels.Length];
        for (var n = 0; n < bytes.Length; n++)
        {
            bytes[n] = (byte)labels.Voxels[n];
        }

        return new LabelMask(labels.SizeX, labels.SizeY, labels.SizeZ, bytes);
    }
}
