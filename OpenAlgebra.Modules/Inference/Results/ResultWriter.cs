using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Derived;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Inference.Results;

/// <summary>
/// Stores what an engine produced, encrypted: the mask as NIfTI on the source grid, the same mask as a DICOM
/// Segmentation, the metrics as JSON, and a derived volume as a new series. Objects go under the run's own prefix, so a
/// run that loses its analysis to another never overwrites the winner's results.
/// </summary>
internal sealed class ResultWriter(
    IEncryptedObjectStore objects,
    INiftiCodec nifti,
    IDicomCodec dicom,
    ISourceSeriesReader sources,
    IDerivedSeriesWriter derivedSeries,
    ProductInfo product,
    TimeProvider clock)
{
    public static string Prefix(string analysisId, string runId) => $"analyses/{analysisId}/{runId}/";

    public async Task<StoredResults> WriteAsync(AnalysisRow analysis, string runId, IAnalysisEngine engine, Volume volume, AnalysisOutput output,
        CancellationToken cancellationToken)
    {
        var prefix = Prefix(analysis.Id, runId);
        StoredObject? mask = null;
        StoredObject? segmentation = null;
        if (output.Mask is { } labels)
        {
            if (labels.SizeX != volume.SizeX || labels.SizeY != volume.SizeY || labels.SizeZ != volume.SizeZ)
            {
                throw new InvalidOperationException(
                    $"{engine.Name} {engine.Version} returned a {labels.SizeX}×{labels.SizeY}×{labels.SizeZ} mask for a {volume.SizeX}×{volume.SizeY}×{volume.SizeZ} series.");
            }

            var niftiBytes = new MemoryStream();
            nifti.WriteMask(niftiBytes, labels.Labels, labels.SizeX, labels.SizeY, labels.SizeZ, volume.IjkToLps);
            niftiBytes.Position = 0;
            mask = await objects.PutAsync(prefix + AnalysisResultNames.Mask, niftiBytes, cancellationToken).ConfigureAwait(false);
            segmentation = await WriteSegmentationAsync(analysis, prefix, engine, volume, labels, cancellationToken).ConfigureAwait(false);
        }

        string? derivedSeriesId = null;
        if (output.Derived is { } derived)
        {
            var stored = await derivedSeries.StoreAsync(new DerivedSeriesRequest(analysis.SeriesId, derived, analysis.Id,
                $"{engine.Name} {engine.Version} of analysis {analysis.Id}"), cancellationToken).ConfigureAwait(false);
            derivedSeriesId = stored.SeriesId;
        }

        var document = new JsonObject
        {
            ["analysisId"] = analysis.Id,
            ["seriesId"] = analysis.SeriesId,
            ["engine"] = engine.Name,
            ["version"] = engine.Version,
            ["parameters"] = JsonNode.Parse(analysis.Parameters),
            ["derivedSeriesId"] = derivedSeriesId,
            ["metrics"] = output.Metrics.DeepClone(),
        };
        var metrics = await objects.PutAsync(prefix + AnalysisResultNames.Metrics,
            new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, JsonSerializerOptions.Web)), cancellationToken).ConfigureAwait(false);
        return new StoredResults(mask, segmentation, metrics, derivedSeriesId);
    }

    /// <summary>Removes whatever a run stored; nothing refers to those objects once the run has lost or failed.</summary>
    public async Task DeleteRunAsync(string analysisId, string runId, CancellationToken cancellationToken)
    {
        foreach (var name in AnalysisResultNames.All)
        {
            await objects.DeleteAsync(Prefix(analysisId, runId) + name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StoredObject?> WriteSegmentationAsync(AnalysisRow analysis, string prefix, IAnalysisEngine engine, Volume volume, LabelMask labels,
        CancellationToken cancellationToken)
    {
        var source = await sources.ReadAsync(analysis.SeriesId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Series '{analysis.SeriesId}' was deleted while it was analysed.");
        var dataset = SegmentationBuilder.Build(source, volume, labels,
            new SegmentationOrigin(analysis.Id, engine.Name, engine.Version, engine.RequiresSeeds), product, clock.GetUtcNow());
        if (dataset is null)
        {
            return null;
        }

        var bytes = new MemoryStream();
        dicom.Write(DicomFiles.Create(dataset, product), bytes);
        bytes.Position = 0;
        return await objects.PutAsync(prefix + AnalysisResultNames.Segmentation, bytes, cancellationToken).ConfigureAwait(false);
    }
}
