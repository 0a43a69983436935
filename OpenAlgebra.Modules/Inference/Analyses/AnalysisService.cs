using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Inference.Jobs;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Inference.Analyses;

internal sealed class AnalysisService(
    AnalysisStore store,
    EngineRegistry registry,
    ISeriesVolumes volumes,
    MaskInputs masks,
    AnalysisQueue queue,
    RunningAnalyses running,
    IEncryptedObjectStore objects,
    IAuditTrail audit,
    TimeProvider clock) : IAnalysisService
{
    private const int MaxCommentLength = 4000;

    public async Task<Analysis> SubmitAsync(AnalysisSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (string.IsNullOrWhiteSpace(submission.SeriesId))
        {
            throw new InferenceRequestException("seriesId", "seriesId is required: the series to analyse.");
        }

        if (string.IsNullOrWhiteSpace(submission.Engine))
        {
            throw new InferenceRequestException("engine", "engine is required, e.g. random-walker (GET /api/engines lists them).");
        }

        var engine = await registry.ResolveAsync(submission.Engine, string.IsNullOrWhiteSpace(submission.Version) ? null : submission.Version, cancellationToken)
            .ConfigureAwait(false);
        var volume = await volumes.GetAsync(submission.SeriesId, cancellationToken).ConfigureAwait(false)
            ?? throw new InferenceRequestException("seriesId", $"No series '{submission.SeriesId}'.");
        var parameters = ParameterSet.Overlay(submission.Parameters, engine);
        var seeds = SeedList.Validate(submission.Seeds, volume);
        if (engine.RequiresSeeds && seeds.Count == 0)
        {
            throw new InferenceRequestException("seeds",
                $$"""{{engine.Name}} needs seeds: {"<label>": [[i, j, k], …], …} with voxels of each label to segment.""");
        }

        await masks.CheckAsync(submission.InputMaskAnalysisId, "inputMaskAnalysisId", submission.SeriesId, cancellationToken).ConfigureAwait(false);
        await masks.CheckAsync(submission.ReferenceMaskAnalysisId, "referenceMaskAnalysisId", submission.SeriesId, cancellationToken).ConfigureAwait(false);

        var queueName = AnalysisQueue.For(engine.Workload);
        var row = new AnalysisRow
        {
            Id = Ids.New(),
            SeriesId = submission.SeriesId,
            Engine = engine.Name,
            EngineVersion = engine.Version,
            Queue = queueName,
            Parameters = parameters.ToJsonString(),
            Seeds = seeds.ToJsonString(),
            InputMaskAnalysisId = submission.InputMaskAnalysisId,
            ReferenceMaskAnalysisId = submission.ReferenceMaskAnalysisId,
            State = nameof(AnalysisState.Queued),
            Message = $"waiting on the {queueName} queue",
            CreatedBy = submission.Actor.UserName,
            CreatedAt = Timestamps.ToText(clock.GetUtcNow()),
        };
        await audit.RecordAsync(new AuditEvent(submission.Actor, AuditEventIds.DicomInstancesAccessed, AuditActions.Create, AuditOutcomes.Success,
            ObjectType: "analysis", ObjectId: row.Id, Detail: $"{engine.Name} {engine.Version} on series {row.SeriesId} queued"), cancellationToken)
            .ConfigureAwait(false);
        await store.InsertAsync(row, cancellationToken).ConfigureAwait(false);
        var jobId = queue.Enqueue(row.Id, queueName);
        await store.SetJobAsync(row.Id, jobId, cancellationToken).ConfigureAwait(false);
        await queue.RefreshGaugeAsync(cancellationToken).ConfigureAwait(false);
        // The analysis as accepted: a worker may have taken it up already, which GET shows.
        return (row with { JobId = jobId }).ToAnalysis();
    }

    public async Task<Analysis> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await RowAsync(id, cancellationToken).ConfigureAwait(false)).ToAnalysis();

    public async Task<IReadOnlyList<Analysis>> ListAsync(AnalysisQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? state = null;
        if (!string.IsNullOrWhiteSpace(query.State))
        {
            state = Enum.TryParse<AnalysisState>(query.State, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed.ToString()
                : throw new InferenceRequestException("state", $"Unknown state '{query.State}'; states are {string.Join(", ", Enum.GetNames<AnalysisState>())}.");
        }

        if (query.Limit is < 1 or > AnalysisQuery.MaxLimit)
        {
            throw new InferenceRequestException("limit", $"limit must be 1 to {AnalysisQuery.MaxLimit}, got {query.Limit}.");
        }

        var rows = await store.ListAsync(string.IsNullOrWhiteSpace(query.SeriesId) ? null : query.SeriesId, state,
            string.IsNullOrWhiteSpace(query.CreatedBy) ? null : query.CreatedBy, query.Limit, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToAnalysis()).ToList();
    }

    public async Task<IReadOnlyDictionary<string, AnalysisTally>> TallyAsync(IReadOnlyCollection<string> seriesIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seriesIds);
        var tallies = new Dictionary<string, AnalysisTally>(StringComparer.Ordinal);
        if (seriesIds.Count == 0)
        {
            return tallies;
        }

        foreach (var (seriesId, state, reviewed, count) in await store.CountAsync(seriesIds, cancellationToken).ConfigureAwait(false))
        {
            var one = Enum.Parse<AnalysisState>(state) switch
            {
                AnalysisState.Queued => AnalysisTally.None with { Queued = count },
                AnalysisState.Running => AnalysisTally.None with { Running = count },
                AnalysisState.Succeeded => AnalysisTally.None with { Succeeded = count, AwaitingReview = reviewed ? 0 : count },
                AnalysisState.Failed => AnalysisTally.None with { Failed = count },
                _ => AnalysisTally.None with { Cancelled = count },
            };
            tallies[seriesId] = tallies.GetValueOrDefault(seriesId, AnalysisTally.None).Add(one);
        }

        return tallies;
    }

    public async Task<Analysis> CancelAsync(string id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await RowAsync(id, cancellationToken).ConfigureAwait(false);
        if (row.StateValue is AnalysisState.Cancelled)
        {
            return row.ToAnalysis();
        }

        if (row.StateValue is AnalysisState.Succeeded or AnalysisState.Failed)
        {
            throw new InferenceConflictException($"Analysis '{id}' has {row.State.ToLowerInvariant()} already; there is nothing to cancel.");
        }

        await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.DicomInstancesAccessed, AuditActions.Update, AuditOutcomes.Success,
            ObjectType: "analysis", ObjectId: id, Detail: $"cancel requested while {row.State}"), cancellationToken).ConfigureAwait(false);
        if (await store.CancelQueuedAsync(id, $"cancelled by {actor.UserName} before it ran", cancellationToken).ConfigureAwait(false))
        {
            if (row.JobId is not null)
            {
                queue.Delete(row.JobId);
            }

            await queue.RefreshGaugeAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (await store.RequestCancelAsync(id, $"cancelling (asked by {actor.UserName})", cancellationToken).ConfigureAwait(false))
        {
            running.Cancel(id);
        }

        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Analysis> ReviewAsync(string id, string? decision, string? comment, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var normalised = decision?.Trim().ToLowerInvariant();
        if (normalised is not ("accept" or "reject"))
        {
            throw new InferenceRequestException("decision", $"decision must be accept or reject, got '{decision}'.");
        }

        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text?.Length > MaxCommentLength)
        {
            throw new InferenceRequestException("comment", $"comment is {text.Length} characters; at most {MaxCommentLength} are kept.");
        }

        var row = await RowAsync(id, cancellationToken).ConfigureAwait(false);
        if (row.StateValue != AnalysisState.Succeeded)
        {
            throw new InferenceConflictException($"Analysis '{id}' is {row.State}: only a succeeded analysis is reviewed.");
        }

        if (row.ReviewDecision is not null)
        {
            throw new InferenceConflictException($"Analysis '{id}' was reviewed already ({row.ReviewDecision} by {row.ReviewedBy}).");
        }

        // Audited first: a sign-off the trail cannot record is not recorded either.
        await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.DicomInstancesAccessed, AuditActions.Update, AuditOutcomes.Success,
            ObjectType: "analysis", ObjectId: id, Detail: $"review: {normalised}" + (text is null ? "" : $" — {text}")), cancellationToken).ConfigureAwait(false);
        if (!await store.ReviewAsync(id, normalised, text, actor.UserName, cancellationToken).ConfigureAwait(false))
        {
            throw new InferenceConflictException($"Analysis '{id}' was reviewed by someone else at the same moment.");
        }

        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AnalysisResultFile> OpenResultAsync(string id, string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await RowAsync(id, cancellationToken).ConfigureAwait(false);
        var csv = name == AnalysisResultNames.MetricsCsv;
        if (!csv && !AnalysisResultNames.All.Contains(name))
        {
            throw new InferenceNotFoundException(
                $"No result '{name}'; results are {string.Join(", ", AnalysisResultNames.All)}, {AnalysisResultNames.MetricsCsv}.");
        }

        if (row.StateValue != AnalysisState.Succeeded)
        {
            throw new InferenceConflictException($"Analysis '{id}' is {row.State}: results exist once it has succeeded.");
        }

        var stored = row.Result(csv ? AnalysisResultNames.Metrics : name) ?? throw new InferenceNotFoundException(name == AnalysisResultNames.Segmentation && row.MaskKey is not null
            ? $"Analysis '{id}' has no {name}: its mask labels no voxel, and a segmentation needs at least one."
            : $"Analysis '{id}' has no {name}: {row.Engine} produced no mask.");
        await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.Export, AuditActions.Read, AuditOutcomes.Success,
            ObjectType: "analysis", ObjectId: id, Detail: $"exported {name}"), cancellationToken).ConfigureAwait(false);
        var content = await objects.OpenReadAsync(stored.Key, stored.Sha256, cancellationToken).ConfigureAwait(false)
            ?? throw new IntegrityException(stored.Key, "the analysis refers to it but the object store has no such object.");
        return new AnalysisResultFile(name, ContentType(name), csv ? await CsvOfAsync(content, stored.Key, cancellationToken).ConfigureAwait(false) : content);
    }

    public async Task<int> DeleteForSeriesAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        var keys = await store.DeleteForSeriesAsync(seriesId, cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            await objects.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return keys.Count;
    }

    private static async Task<Stream> CsvOfAsync(Stream metrics, string key, CancellationToken cancellationToken)
    {
        await using (metrics.ConfigureAwait(false))
        {
            var document = await JsonNode.ParseAsync(metrics, cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new IntegrityException(key, "the metrics document is empty.");
            return new MemoryStream(MetricsCsv.Write(document));
        }
    }

    private async Task<AnalysisRow> RowAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new InferenceNotFoundException($"No analysis '{id}'.");

    private static string ContentType(string name) => name switch
    {
        AnalysisResultNames.Mask => "application/gzip",
        AnalysisResultNames.Segmentation => "application/dicom",
        AnalysisResultNames.MetricsCsv => "text/csv",
        _ => "application/json",
    };
}
