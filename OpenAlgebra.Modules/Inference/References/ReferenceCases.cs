using System.Globalization;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Inference.References;

internal sealed class ReferenceCases(
    EngineCatalog catalog,
    ReferenceCaseStore store,
    ISeriesVolumes volumes,
    IEncryptedObjectStore objects,
    INiftiCodec nifti,
    IAuditTrail audit,
    TimeProvider clock) : IReferenceCases
{
    private const int MaxNameLength = 200;

    public async Task<IReadOnlyList<ReferenceCase>> ListAsync(string engine, CancellationToken cancellationToken = default)
    {
        Newest(engine);
        return (await store.ListAsync(engine, cancellationToken).ConfigureAwait(false)).Select(Summary).ToList();
    }

    public async Task<ReferenceCase> GetAsync(string engine, string id, CancellationToken cancellationToken = default)
    {
        Newest(engine);
        var row = await store.GetAsync(engine, id, cancellationToken).ConfigureAwait(false)
            ?? throw new InferenceNotFoundException($"{engine} has no reference case '{id}'.");
        return Summary(row);
    }

    public async Task<ReferenceCase> AddAsync(string engine, ReferenceCaseUpload upload, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var code = Newest(engine);
        if (!code.ProducesMask)
        {
            throw new InferenceRequestException("engine",
                $"{engine} does not produce a mask to compare with a reference; it is validated on its own phantoms only.");
        }

        var name = upload.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            throw new InferenceRequestException("name", $"name is required: 1 to {MaxNameLength} characters that tell the case apart in the validation record.");
        }

        if (string.IsNullOrWhiteSpace(upload.SeriesId))
        {
            throw new InferenceRequestException("seriesId", "seriesId is required: the stored series the reference mask segments.");
        }

        var volume = await volumes.GetAsync(upload.SeriesId, cancellationToken).ConfigureAwait(false)
            ?? throw new InferenceRequestException("seriesId", $"No series '{upload.SeriesId}'.");
        var (labels, present) = ReadMask(upload.Mask, volume);
        var seeds = SeedList.Validate(upload.Seeds, volume);
        if (code.RequiresSeeds)
        {
            CheckSeeds(engine, seeds, present);
        }

        ParameterSet.Overlay(upload.Parameters, code);
        var given = upload.Parameters as JsonObject ?? [];
        if ((await store.ListAsync(engine, cancellationToken).ConfigureAwait(false)).Any(c => c.Name == name))
        {
            throw new InferenceConflictException($"{engine} already has a reference case named '{name}'.");
        }

        var id = Ids.New();
        StoredObject mask;
        using (var buffer = new MemoryStream())
        {
            // Written afresh from the labels: nothing of the uploaded file's header (descriptions, intent names) is kept.
            nifti.WriteMask(buffer, labels, volume.SizeX, volume.SizeY, volume.SizeZ, volume.IjkToLps);
            buffer.Position = 0;
            mask = await objects.PutAsync($"reference-cases/{id}/mask.nii.gz", buffer, cancellationToken).ConfigureAwait(false);
        }

        var row = new ReferenceCaseRow
        {
            Id = id,
            Engine = engine,
            Name = name,
            SeriesId = upload.SeriesId,
            Labels = string.Join(',', present),
            Seeds = seeds.ToJsonString(),
            Parameters = given.ToJsonString(),
            MaskKey = mask.Key,
            MaskSha256 = mask.Sha256,
            CreatedBy = actor.UserName,
            CreatedAt = Timestamps.ToText(clock.GetUtcNow()),
        };
        try
        {
            await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.ApplicationActivity, AuditActions.Create, AuditOutcomes.Success,
                ObjectType: "engine reference case", ObjectId: id,
                Detail: $"{engine}: '{name}' on series {upload.SeriesId}, labels {row.Labels}"), cancellationToken).ConfigureAwait(false);
            if (!await store.InsertAsync(row, cancellationToken).ConfigureAwait(false))
            {
                throw new InferenceConflictException($"{engine} already has a reference case named '{name}'.");
            }
        }
        catch
        {
            await objects.DeleteAsync(mask.Key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return Summary(row);
    }

    public async Task DeleteAsync(string engine, string id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Newest(engine);
        var row = await store.GetAsync(engine, id, cancellationToken).ConfigureAwait(false)
            ?? throw new InferenceNotFoundException($"{engine} has no reference case '{id}'.");
        await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.ApplicationActivity, AuditActions.Delete, AuditOutcomes.Success,
            ObjectType: "engine reference case", ObjectId: id, Detail: $"{engine}: '{row.Name}' removed from the validation set"), cancellationToken)
            .ConfigureAwait(false);
        if (await store.DeleteAsync(engine, id, cancellationToken).ConfigureAwait(false))
        {
            await objects.DeleteAsync(row.MaskKey, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The engine's reference cases as the validation runs them, one volume in memory at a time: the stored parameters
    /// over <paramref name="code"/>'s defaults. A case that can no longer run (its series deleted, a parameter this
    /// version lacks) comes back as a problem, which scores 0: the gate never passes by quietly dropping a case.
    /// </summary>
    public async IAsyncEnumerable<LoadedReferenceCase> LoadAsync(IAnalysisEngine code,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in await store.ListAsync(code.Name, cancellationToken).ConfigureAwait(false))
        {
            var name = $"reference: {row.Name}";
            yield return await LoadAsync(name, row, code, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<LoadedReferenceCase> LoadAsync(string name, ReferenceCaseRow row, IAnalysisEngine code, CancellationToken cancellationToken)
    {
        JsonObject parameters;
        try
        {
            parameters = ParameterSet.Overlay(JsonNode.Parse(row.Parameters), code);
        }
        catch (InferenceRequestException e)
        {
            return new LoadedReferenceCase(name, null, $"its parameters do not fit {code.Name} {code.Version}: {e.Message}");
        }

        Volume? volume;
        try
        {
            volume = await volumes.GetAsync(row.SeriesId, cancellationToken).ConfigureAwait(false);
        }
        catch (VolumeBuildException e)
        {
            return new LoadedReferenceCase(name, null, $"its series {row.SeriesId} no longer forms a volume: {e.Message}");
        }

        if (volume is null)
        {
            return new LoadedReferenceCase(name, null, $"its series {row.SeriesId} is no longer stored; delete the case or add it again");
        }

        await using var stream = await objects.OpenReadAsync(row.MaskKey, row.MaskSha256, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return new LoadedReferenceCase(name, null, $"its mask {row.MaskKey} is missing from the object store");
        }

        var (labels, _) = ReadMask(stream, volume);
        var request = new AnalysisRequest(volume, parameters, SeedList.Parse(row.Seeds));
        return new LoadedReferenceCase(name, new ValidationCase(name, request, new LabelMask(volume.SizeX, volume.SizeY, volume.SizeZ, labels)), null);
    }

    private IAnalysisEngine Newest(string engine) =>
        catalog.All.LastOrDefault(e => e.Name == engine)
        ?? throw new InferenceNotFoundException($"No engine '{engine}'; engines are {string.Join(", ", catalog.All.Select(e => e.Name).Distinct())}.");

    /// <summary>The mask as labels on <paramref name="volume"/>'s grid, and the nonzero labels it holds.</summary>
    /// <exception cref="InferenceRequestException">Not NIfTI-1, another grid, values that are not labels, or no label at all.</exception>
    private (byte[] Labels, SortedSet<int> Present) ReadMask(Stream source, Volume volume)
    {
        Volume mask;
        try
        {
            mask = nifti.Read(source);
        }
        catch (NiftiFormatException e)
        {
            throw new InferenceRequestException("mask", $"The mask is not a readable NIfTI-1 file: {e.Message}");
        }

        if (mask.SizeX != volume.SizeX || mask.SizeY != volume.SizeY || mask.SizeZ != volume.SizeZ || mask.Frames != 1)
        {
            throw new InferenceRequestException("mask", string.Create(CultureInfo.InvariantCulture,
                $"The mask is {mask.SizeX}×{mask.SizeY}×{mask.SizeZ}×{mask.Frames}; the series' volume is {volume.SizeX}×{volume.SizeY}×{volume.SizeZ}×1."));
        }

        var labels = new byte[mask.Voxels.Length];
        var present = new SortedSet<int>();
        for (var n = 0; n < labels.Length; n++)
        {
            var value = mask.Voxels[n];
            if (value is < 0 or > 255 || value != MathF.Floor(value))
            {
                throw new InferenceRequestException("mask", string.Create(CultureInfo.InvariantCulture,
                    $"The mask holds {value} at voxel {n % volume.SizeX}, {n / volume.SizeX % volume.SizeY}, {n / ((long)volume.SizeX * volume.SizeY)}: labels are integers 0 to 255."));
            }

            labels[n] = (byte)value;
            if (value != 0)
            {
                present.Add((int)value);
            }
        }

        return present.Count > 0 ? (labels, present) : throw new InferenceRequestException("mask", "The mask holds no label: every voxel is 0.");
    }

    /// <summary>A seeded engine labels every voxel with a seed's label, so the seeds must name exactly the mask's labels.</summary>
    private static void CheckSeeds(string engine, JsonObject seeds, SortedSet<int> present)
    {
        var seeded = seeds.Select(p => int.Parse(p.Key, CultureInfo.InvariantCulture)).Order().ToList();
        if (seeded.Count == 0)
        {
            throw new InferenceRequestException("seeds", $$"""{{engine}} needs seeds: {"<label>": [[i, j, k], …], …} for each label of the mask.""");
        }

        if (!seeded.SequenceEqual(present))
        {
            throw new InferenceRequestException("seeds",
                $"{engine} gives every voxel one of its seeds' labels, so they must be the mask's: seeds have {string.Join(", ", seeded)}, the mask {string.Join(", ", present)}.");
        }
    }

    private static ReferenceCase Summary(ReferenceCaseRow row) => new(
        row.Id, row.Engine, row.Name, row.SeriesId,
        row.Labels.Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList(),
        JsonNode.Parse(row.Seeds)!.AsObject(), JsonNode.Parse(row.Parameters)!.AsObject(), row.CreatedBy, Timestamps.Parse(row.CreatedAt));
}

/// <summary>A reference case ready to run, or why it cannot run.</summary>
internal sealed record LoadedReferenceCase(string Name, ValidationCase? Case, string? Problem);
