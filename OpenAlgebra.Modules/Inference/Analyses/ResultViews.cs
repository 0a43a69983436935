using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Inference.Analyses;

internal sealed class ResultViews : IResultViews, IDisposable
{
    private readonly AnalysisStore _store;
    private readonly IEncryptedObjectStore _objects;
    private readonly INiftiCodec _nifti;
    private readonly MemoryCache _masks;

    public ResultViews(AnalysisStore store, IEncryptedObjectStore objects, INiftiCodec nifti, IOptions<AnalysisOptions> options)
    {
        _store = store;
        _objects = objects;
        _nifti = nifti;
        _masks = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MaskCacheMegabytes) * (1L << 20) });
    }

    public async Task<LabelMask> GetMaskAsync(string analysisId, CancellationToken cancellationToken = default)
    {
        var row = await SucceededAsync(analysisId, cancellationToken).ConfigureAwait(false);
        return await ReadMaskAsync(row, cancellationToken).ConfigureAwait(false)
            ?? throw new InferenceNotFoundException($"Analysis '{analysisId}' has no mask: {row.Engine} produced none.");
    }

    public async Task<JsonObject> GetMetricsAsync(string analysisId, CancellationToken cancellationToken = default)
    {
        var row = await SucceededAsync(analysisId, cancellationToken).ConfigureAwait(false);
        var (key, sha256) = row.Result(AnalysisResultNames.Metrics)
            ?? throw new InferenceNotFoundException($"Analysis '{analysisId}' has no metrics.");
        await using var stream = await OpenAsync(key, sha256, cancellationToken).ConfigureAwait(false);
        var document = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document?["metrics"] as JsonObject ?? [];
    }

    /// <summary>The analysis's stored mask; null when it has none.</summary>
    /// <exception cref="IntegrityException">The row names a mask the object store does not have, or whose bytes changed.</exception>
    public async Task<LabelMask?> ReadMaskAsync(AnalysisRow row, CancellationToken cancellationToken)
    {
        if (row.Result(AnalysisResultNames.Mask) is not { } mask)
        {
            return null;
        }

        // Keyed by the object: a stored result is written once and never changes.
        if (_masks.TryGetValue(mask.Key, out LabelMask? cached) && cached is not null)
        {
            return cached;
        }

        Volume labels;
        await using (var stream = await OpenAsync(mask.Key, mask.Sha256, cancellationToken).ConfigureAwait(false))
        {
            labels = _nifti.Read(stream);
        }

        var bytes = GC.AllocateUninitializedArray<byte>(labels.Voxels.Length);
        TensorPrimitives.ConvertTruncating<float, byte>(labels.Voxels, bytes);
        var result = new LabelMask(labels.SizeX, labels.SizeY, labels.SizeZ, bytes);
        _masks.Set(mask.Key, result, new MemoryCacheEntryOptions { Size = bytes.LongLength });
        return result;
    }

    public void Dispose() => _masks.Dispose();

    private async Task<AnalysisRow> SucceededAsync(string analysisId, CancellationToken cancellationToken)
    {
        var row = await _store.GetAsync(analysisId, cancellationToken).ConfigureAwait(false)
            ?? throw new InferenceNotFoundException($"No analysis '{analysisId}'.");
        return row.StateValue == AnalysisState.Succeeded
            ? row
            : throw new InferenceConflictException($"Analysis '{analysisId}' is {row.State}: its results exist once it has succeeded.");
    }

    private async Task<Stream> OpenAsync(string key, string sha256, CancellationToken cancellationToken) =>
        await _objects.OpenReadAsync(key, sha256, cancellationToken).ConfigureAwait(false)
        ?? throw new IntegrityException(key, "the analysis refers to it but the object store has no such object.");
}
