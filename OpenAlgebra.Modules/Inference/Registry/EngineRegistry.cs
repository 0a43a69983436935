using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Inference.Registry;

internal sealed class EngineRegistry(EngineCatalog catalog, EngineVersionStore store, IAuditTrail audit, TimeProvider clock) : IEngineRegistry, IDisposable
{
    private readonly SemaphoreSlim _registration = new(1, 1);
    private bool _registered;

    /// <summary>Records this build's engine versions (once per process) and publishes the stored validation scores.</summary>
    /// <exception cref="InvalidOperationException">An engine's defaults changed under an already registered version.</exception>
    public async Task EnsureRegisteredAsync(CancellationToken cancellationToken)
    {
        if (_registered)
        {
            return;
        }

        await _registration.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_registered)
            {
                return;
            }

            foreach (var engine in catalog.All)
            {
                await store.RegisterAsync(engine, cancellationToken).ConfigureAwait(false);
            }

            foreach (var row in await store.VersionsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                if (row.ValidationDice is { } dice)
                {
                    AccuracyMetrics.Accuracy.WithLabels(row.Engine, row.Version).Set(dice);
                }
            }

            _registered = true;
        }
        finally
        {
            _registration.Release();
        }
    }

    public void Dispose() => _registration.Dispose();

    public async Task<IReadOnlyList<EngineSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        var rows = await store.VersionsAsync(null, cancellationToken).ConfigureAwait(false);
        var active = await store.ActiveVersionsAsync(cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(r => r.Engine, StringComparer.Ordinal).Select(g => Summary(g.Key, g.ToList(), active)).ToList();
    }

    public async Task<EngineSummary> GetAsync(string engine, CancellationToken cancellationToken = default)
    {
        await EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        var rows = await store.VersionsAsync(engine, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new InferenceNotFoundException($"No engine '{engine}'; engines are {string.Join(", ", catalog.All.Select(e => e.Name).Distinct())}.");
        }

        return Summary(engine, rows, await store.ActiveVersionsAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<EngineValidation> ValidateAsync(string engine, string? version, AuditActor actor, IProgress<ValidationCaseScore>? progress = null,
        CancellationToken cancellationToken = default)
    {
        await EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        var code = version is null ? catalog.Current(engine) : catalog.Find(engine, version)
            ?? throw new InferenceNotFoundException(catalog.Knows(engine)
                ? $"This build has no code for {engine} {version}; it runs {string.Join(", ", catalog.All.Where(e => e.Name == engine).Select(e => e.Version))}."
                : $"This build has no engine '{engine}'.");
        var cases = await ValidationRunner.RunAsync(code, progress, cancellationToken).ConfigureAwait(false);
        var mean = cases.Count == 0 ? 0 : cases.Average(c => c.Dice);
        var validation = new EngineValidation(code.Name, code.Version, mean, IEngineRegistry.DiceGate, cases.Count > 0 && mean >= IEngineRegistry.DiceGate,
            cases, Timestamps.Truncate(clock.GetUtcNow()), actor.UserName);
        await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.ApplicationActivity, AuditActions.Execute, AuditOutcomes.Success,
            ObjectType: "engine", ObjectId: $"{code.Name} {code.Version}",
            Detail: string.Create(CultureInfo.InvariantCulture,
                $"validated: mean Dice {mean:0.0000} over {cases.Count} cases, gate {IEngineRegistry.DiceGate:0.00}: {(validation.Passed ? "passed" : "not passed")}")),
            cancellationToken).ConfigureAwait(false);
        await store.SaveValidationAsync(validation, cancellationToken).ConfigureAwait(false);
        AccuracyMetrics.Accuracy.WithLabels(code.Name, code.Version).Set(mean);
        return validation;
    }

    public async Task<EngineSummary> ActivateAsync(string engine, string version, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var summary = await GetAsync(engine, cancellationToken).ConfigureAwait(false);
        var candidate = summary.Versions.FirstOrDefault(v => v.Version == version)
            ?? throw new InferenceNotFoundException($"Engine '{engine}' has no version '{version}'; it has {string.Join(", ", summary.Versions.Select(v => v.Version))}.");
        if (candidate.Active)
        {
            return summary;
        }

        if (Refusal(engine, candidate) is { } refusal)
        {
            await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.ApplicationActivity, AuditActions.Update, AuditOutcomes.MinorFailure,
                ObjectType: "engine", ObjectId: $"{engine} {version}", Detail: "activation refused: " + refusal), cancellationToken).ConfigureAwait(false);
            throw new InferenceConflictException(refusal);
        }

        // Audited first: if the audit row cannot be written, the active version does not change.
        await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.ApplicationActivity, AuditActions.Update, AuditOutcomes.Success,
            ObjectType: "engine", ObjectId: $"{engine} {version}",
            Detail: string.Create(CultureInfo.InvariantCulture,
                $"activated {version} (was {summary.ActiveVersion ?? "none"}); validation Dice {candidate.Validation!.MeanDice:0.0000}")), cancellationToken)
            .ConfigureAwait(false);
        await store.ActivateAsync(engine, version, actor.UserName, cancellationToken).ConfigureAwait(false);
        return await GetAsync(engine, cancellationToken).ConfigureAwait(false);
    }

    public async Task<EngineSummary> RollbackAsync(string engine, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var summary = await GetAsync(engine, cancellationToken).ConfigureAwait(false);
        var rolled = await store.RollbackAsync(engine, actor.UserName, cancellationToken).ConfigureAwait(false)
            ?? throw new InferenceConflictException(summary.ActiveVersion is null
                ? $"Engine '{engine}' has never been activated: there is nothing to roll back."
                : $"Engine '{engine}' has had no version active before {summary.ActiveVersion}: there is nothing to roll back to.");
        await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.ApplicationActivity, AuditActions.Update, AuditOutcomes.Success,
            ObjectType: "engine", ObjectId: $"{engine} {rolled.To}", Detail: $"rolled back from {rolled.From} to {rolled.To}"), cancellationToken)
            .ConfigureAwait(false);
        return await GetAsync(engine, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The engine an analysis runs: the named version, else the active one. A named version that is not active must
    /// still have passed the gate, so a candidate can be tried on real cases before it is activated but nothing
    /// unvalidated ever runs.
    /// </summary>
    /// <exception cref="InferenceRequestException">Unknown engine, or a version that does not exist, is not in this build, or has not passed the gate.</exception>
    /// <exception cref="InferenceConflictException">No version given and none active.</exception>
    public async Task<IAnalysisEngine> ResolveAsync(string engine, string? version, CancellationToken cancellationToken)
    {
        await EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        if (!catalog.Knows(engine))
        {
            var names = catalog.All.Select(e => e.Name).Distinct().Order(StringComparer.Ordinal);
            throw new InferenceRequestException("engine", $"Unknown engine '{engine}'; engines are {string.Join(", ", names)}.");
        }

        var summary = await GetAsync(engine, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            version = summary.ActiveVersion ?? throw new InferenceConflictException(
                $"Engine '{engine}' has no active version: an admin validates and activates one (engine validate {engine}; engine activate {engine} <version>).");
        }
        else if (summary.Versions.FirstOrDefault(v => v.Version == version) is not { } candidate)
        {
            throw new InferenceRequestException("version", $"Engine '{engine}' has no version '{version}'; it has {string.Join(", ", summary.Versions.Select(v => v.Version))}.");
        }
        else if (!candidate.Active && Refusal(engine, candidate) is { } refusal)
        {
            throw new InferenceRequestException("version", refusal);
        }

        return catalog.Find(engine, version)
            ?? throw new InferenceRequestException("version", $"This build has no code for {engine} {version}.");
    }

    private static string? Refusal(string engine, EngineVersionSummary candidate)
    {
        if (!candidate.InThisBuild)
        {
            return $"This build has no code for {engine} {candidate.Version}.";
        }

        return candidate.Validation switch
        {
            null => $"{engine} {candidate.Version} has not been validated (engine validate {engine} {candidate.Version}).",
            { Passed: false } v => string.Create(CultureInfo.InvariantCulture,
                $"{engine} {candidate.Version} scored a validation Dice of {v.MeanDice:0.0000}, under the gate of {v.Gate:0.00}."),
            _ => null,
        };
    }

    private EngineSummary Summary(string engine, IReadOnlyList<EngineVersionRow> rows, IReadOnlyDictionary<string, string> active)
    {
        var activeVersion = active.GetValueOrDefault(engine);
        // Description and workload of the newest version: what this build says about the engine, where it has it.
        var latest = rows.LastOrDefault(r => catalog.Find(engine, r.Version) is not null) ?? rows[^1];
        var versions = rows.Select(r => new EngineVersionSummary(
            r.Version,
            JsonNode.Parse(r.DefaultParameters)!.AsObject(),
            Timestamps.Parse(r.RegisteredAt),
            catalog.Find(engine, r.Version) is not null,
            r.Version == activeVersion,
            Validation(r))).ToList();
        return new EngineSummary(engine, latest.Description, Enum.Parse<EngineWorkload>(latest.Workload), latest.RequiresSeeds != 0, activeVersion, versions);
    }

    private static EngineValidation? Validation(EngineVersionRow row) =>
        row.ValidationDice is not { } dice
            ? null
            : new EngineValidation(row.Engine, row.Version, dice, IEngineRegistry.DiceGate, dice >= IEngineRegistry.DiceGate,
                JsonSerializer.Deserialize<List<ValidationCaseScore>>(row.ValidationCases ?? "[]", JsonSerializerOptions.Web) ?? [],
                Timestamps.Parse(row.ValidatedAt!), row.ValidatedBy ?? "");
}
