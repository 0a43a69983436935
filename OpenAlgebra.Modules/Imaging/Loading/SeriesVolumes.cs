using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Imaging.Loading;

internal sealed class SeriesVolumes : ISeriesVolumes, IDisposable
{
    private readonly IStudyIndex _index;
    private readonly IEncryptedObjectStore _objects;
    private readonly IDicomCodec _dicom;
    private readonly INiftiCodec _nifti;
    private readonly IVolumeBuilder _builder;
    private readonly MemoryCache _cache;

    public SeriesVolumes(IStudyIndex index, IEncryptedObjectStore objects, IDicomCodec dicom, INiftiCodec nifti, IVolumeBuilder builder, IConfiguration configuration)
    {
        _index = index;
        _objects = objects;
        _dicom = dicom;
        _nifti = nifti;
        _builder = builder;
        var megabytes = configuration.GetValue("OpenAlgebra:Imaging:VolumeCacheMegabytes", 2048);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, megabytes) * (1L << 20) });
    }

    public async Task<Volume?> GetAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        // The index is asked every time, cache or not: a deleted series (here or by another instance) must stop being
        // served at once, and one that gained instances since it was cached is built again.
        var series = await _index.GetSeriesAsync(seriesId, cancellationToken).ConfigureAwait(false);
        if (series is null)
        {
            _cache.Remove(seriesId);
            return null;
        }

        if (_cache.TryGetValue(seriesId, out CachedVolume? cached) && cached!.Instances == series.Instances)
        {
            return cached.Volume;
        }

        var instances = await _index.GetInstancesAsync(seriesId, cancellationToken).ConfigureAwait(false);
        var volume = series.Kind == FilePreparation.NiftiKind
            ? await ReadNiftiAsync(instances.Single(), cancellationToken).ConfigureAwait(false)
            : _builder.Build(await ReadDicomAsync(instances, cancellationToken).ConfigureAwait(false), cancellationToken);
        _cache.Set(seriesId, new CachedVolume(volume, series.Instances), new MemoryCacheEntryOptions { Size = volume.Voxels.LongLength * sizeof(float) });
        return volume;
    }

    public void Dispose() => _cache.Dispose();

    private async Task<List<DicomFile>> ReadDicomAsync(IReadOnlyList<StoredInstance> instances, CancellationToken cancellationToken)
    {
        var files = new List<DicomFile>(instances.Count);
        foreach (var instance in instances)
        {
            await using var stream = await OpenAsync(instance, cancellationToken).ConfigureAwait(false);
            files.Add(_dicom.Read(stream));
        }

        return files;
    }

    private async Task<Volume> ReadNiftiAsync(StoredInstance instance, CancellationToken cancellationToken)
    {
        await using var stream = await OpenAsync(instance, cancellationToken).ConfigureAwait(false);
        return _nifti.Read(stream);
    }

    private Task<Stream> OpenAsync(StoredInstance instance, CancellationToken cancellationToken) => _objects.OpenStoredAsync(instance, cancellationToken);
}

/// <summary>A built volume with the number of instances it was built from.</summary>
internal sealed record CachedVolume(Volume Volume, int Instances);
