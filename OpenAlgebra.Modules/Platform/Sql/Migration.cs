namespace OpenAlgebra.Modules.Platform.Sql;

/// <summary>
/// One schema step of one module. Versions are numbered per module, so modules evolve their tables
/// independently. <paramref name="PostgresSql"/> replaces <paramref name="Sql"/> on PostgreSQL where the two differ.
/// </summary>
public sealed record Migration(string Module, int Version, string Name, string Sql, string? PostgresSql = null)
{
    internal string SqlFor(ISqlDialect dialect) =>
        dialect.Provider == DatabaseProviders.Postgres && PostgresSql is not null ? PostgresSql : Sql;
}

/// <summary>Registered by each module that owns tables.</summary>
public interface IMigrationSource
{
    IEnumerable<Migration> Migrations { get; }
}

/// <summary>Brings the schema up to date; safe to run from several instances at once.</summary>
public interface IDatabaseMigrator
{
    /// <returns>The migrations applied by this call (empty when the schema was current).</returns>
    Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default);
}
