using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Inference.Registry;

/// <summary>The registry's tables: engine versions with their validation records, and the activation history.</summary>
internal sealed class EngineVersionStore(ISqlDatabase database, TimeProvider clock)
{
    private const string Columns =
        "engine AS Engine, version AS Version, description AS Description, workload AS Workload, requires_seeds AS RequiresSeeds, " +
        "default_parameters AS DefaultParameters, registered_at AS RegisteredAt, validated_at AS ValidatedAt, validated_by AS ValidatedBy, " +
        "validation_dice AS ValidationDice, validation_cases AS ValidationCases";

    /// <summary>
    /// Records an engine version with its defaults. A version is its code and its defaults together: defaults that differ
    /// from those recorded (and validated) under the same version are refused, so a changed engine must take a new version.
    /// </summary>
    /// <exception cref="InvalidOperationException">The version is registered with other default parameters.</exception>
    public async Task RegisterAsync(IAnalysisEngine engine, CancellationToken cancellationToken)
    {
        var defaults = engine.DefaultParameters();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO engine_versions (engine, version, description, workload, requires_seeds, default_parameters, registered_at)
            VALUES (@Name, @Version, @Description, @Workload, @RequiresSeeds, @Defaults, @Now)
            ON CONFLICT (engine, version) DO NOTHING
            """, new
        {
            engine.Name, engine.Version, engine.Description, Workload = engine.Workload.ToString(), RequiresSeeds = engine.RequiresSeeds ? 1 : 0,
            Defaults = defaults.ToJsonString(), Now = Timestamps.ToText(clock.GetUtcNow()),
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var recorded = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT default_parameters FROM engine_versions WHERE engine = @Name AND version = @Version",
            new { engine.Name, engine.Version }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!JsonNode.DeepEquals(JsonNode.Parse(recorded!), defaults))
        {
            throw new InvalidOperationException(
                $"Engine {engine.Name} {engine.Version} has default parameters {defaults.ToJsonString()}, but {engine.Name} {engine.Version} was " +
                $"registered with {recorded}: a version is its code and its defaults, so the changed engine needs a new Version.");
        }
    }

    public async Task<IReadOnlyList<EngineVersionRow>> VersionsAsync(string? engine, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<EngineVersionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM engine_versions WHERE @engine IS NULL OR engine = @engine ORDER BY engine, registered_at, version",
            new { engine }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<EngineVersionRow?> VersionAsync(string engine, string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<EngineVersionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM engine_versions WHERE engine = @engine AND version = @version",
            new { engine, version }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task SaveValidationAsync(EngineValidation validation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE engine_versions SET validated_at = @At, validated_by = @By, validation_dice = @Dice, validation_cases = @Cases
            WHERE engine = @Engine AND version = @Version
            """, new
        {
            validation.Engine, validation.Version, At = Timestamps.ToText(validation.ValidatedAt), By = validation.ValidatedBy,
            Dice = validation.MeanDice, Cases = JsonSerializer.Serialize(validation.Cases, JsonSerializerOptions.Web),
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The active version of each engine: its latest activation that was not rolled back.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ActiveVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Engine, string Version)>(new CommandDefinition("""
            SELECT a.engine, a.version FROM engine_activations a
            WHERE a.rolled_back_at IS NULL
              AND a.seq = (SELECT MAX(b.seq) FROM engine_activations b WHERE b.engine = a.engine AND b.rolled_back_at IS NULL)
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Engine, r => r.Version, StringComparer.Ordinal);
    }

    public async Task ActivateAsync(string engine, string version, string by, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var seq = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM engine_activations WHERE engine = @engine", new { engine }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO engine_activations (engine, seq, version, activated_at, activated_by) VALUES (@engine, @seq, @version, @now, @by)
            """, new { engine, seq, version, now = Timestamps.ToText(clock.GetUtcNow()), by }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the current activation rolled back, so the one before it is current again.</summary>
    /// <returns>The versions (rolled back, now active), or null when there is no earlier activation to return to.</returns>
    public async Task<(string From, string To)?> RollbackAsync(string engine, string by, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var live = (await connection.QueryAsync<(long Seq, string Version)>(new CommandDefinition(
            $"SELECT seq, version FROM engine_activations WHERE engine = @engine AND rolled_back_at IS NULL ORDER BY seq DESC LIMIT 2{database.Dialect.ForUpdate}",
            new { engine }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (live.Count < 2)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE engine_activations SET rolled_back_at = @now, rolled_back_by = @by WHERE engine = @engine AND seq = @seq",
            new { engine, seq = live[0].Seq, now = Timestamps.ToText(clock.GetUtcNow()), by }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (live[0].Version, live[1].Version);
    }
}
