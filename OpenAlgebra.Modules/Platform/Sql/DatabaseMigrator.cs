using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace OpenAlgebra.Modules.Platform.Sql;

internal sealed partial class DatabaseMigrator(
    ISqlDatabase database,
    IEnumerable<IMigrationSource> sources,
    TimeProvider clock,
    ILogger<DatabaseMigrator> logger) : IDatabaseMigrator
{
    // Arbitrary but fixed: every instance of the app takes the same advisory lock while migrating PostgreSQL.
    private const long PostgresMigrationLock = 0x4F41_4D49_4752;

    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var all = sources.SelectMany(s => s.Migrations).OrderBy(m => m.Module, StringComparer.Ordinal).ThenBy(m => m.Version).ToList();
        var duplicate = all.GroupBy(m => (m.Module, m.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migration {duplicate.Key.Module} v{duplicate.Key.Version} is defined more than once.");
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (database.Dialect.Provider == DatabaseProviders.Sqlite)
        {
            // WAL lets readers proceed while one writer appends; the setting persists in the file.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
        }

        await using (var transaction = await BeginLockedAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    module TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL,
                    PRIMARY KEY (module, version))
                """, transaction: transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new List<Migration>();
        foreach (var migration in all)
        {
            if (await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false))
            {
                applied.Add(migration);
                LogApplied(logger, migration.Module, migration.Version, migration.Name);
            }
        }

        return applied;
    }

    private async Task<bool> ApplyAsync(DbConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginLockedAsync(connection, cancellationToken).ConfigureAwait(false);
        var done = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM schema_migrations WHERE module = @Module AND version = @Version",
            new { migration.Module, migration.Version }, transaction).ConfigureAwait(false);
        if (done > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(migration.SqlFor(database.Dialect), transaction: transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@Module, @Version, @Name, @AppliedAt)",
            new { migration.Module, migration.Version, migration.Name, AppliedAt = Timestamps.ToText(clock.GetUtcNow()) },
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// A transaction that excludes other migrators: SQLite's write transaction locks the database already;
    /// PostgreSQL needs the advisory lock (concurrent DDL there can even fail on catalog uniqueness).
    /// </summary>
    private async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (database.Dialect.Provider == DatabaseProviders.Postgres)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresMigrationLock }, transaction).ConfigureAwait(false);
        }

        return transaction;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Module} v{Version}: {Name}")]
    private static partial void LogApplied(ILogger logger, string module, int version, string name);
}
