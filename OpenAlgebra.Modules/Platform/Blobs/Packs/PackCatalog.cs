using System.Data.Common;
using Dapper;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>
/// Which pack range holds each object, and the ranges freed by deletes and replacements that are still to be punched
/// out. A SQLite file of the blob folder's own (WAL, full sync), so the filesystem store keeps working with either
/// metadata database, and so that other processes on the same data directory (the command-line tools) see the same
/// objects.
/// </summary>
internal sealed class PackCatalog
{
    private readonly string _file;
    private readonly SqliteDatabase _database;
    private readonly Lock _lock = new();
    private Task? _created;

    public PackCatalog(string file)
    {
        _file = file;
        _database = new SqliteDatabase(file);
    }

    public async Task<PackLocation?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenToReadAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<PackLocation>(new CommandDefinition(
            "SELECT pack AS Pack, at AS At, length AS Length FROM objects WHERE key = @key", new { key }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    /// <summary>Points each key at its new range in one transaction; a range a key pointed at before is freed.</summary>
    public async Task CommitAsync(IReadOnlyList<(string Key, PackLocation Location)> puts, long now)
    {
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        foreach (var (key, location) in puts)
        {
            await FreeAsync(connection, transaction, key, now).ConfigureAwait(false);
            await connection.ExecuteAsync("INSERT INTO objects (key, pack, at, length) VALUES (@key, @Pack, @At, @Length)",
                new { key, location.Pack, location.At, location.Length }, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <returns>True when the key had an object, whose range is now freed.</returns>
    public async Task<bool> DeleteAsync(string key, long now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await FreeAsync(connection, transaction, key, now).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await OpenToReadAsync(cancellationToken).ConfigureAwait(false);
        // Keys are ASCII, so every key with the prefix sorts below the prefix followed by the highest ASCII character.
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT key FROM objects WHERE key >= @prefix AND key < @above ORDER BY key", new { prefix, above = prefix + '\u007f' },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return keys.AsList();
    }

    /// <summary>Ranges freed before <paramref name="freedBefore"/> (ms since the epoch), oldest first.</summary>
    public async Task<IReadOnlyList<PackLocation>> FreedAsync(long freedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await OpenToReadAsync(cancellationToken).ConfigureAwait(false);
        var freed = await connection.QueryAsync<PackLocation>(new CommandDefinition(
            "SELECT pack AS Pack, at AS At, length AS Length FROM freed WHERE freed_at < @freedBefore ORDER BY freed_at",
            new { freedBefore }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return freed.AsList();
    }

    /// <summary>Forgets freed ranges once they are punched out (or their pack is gone).</summary>
    public async Task ForgetFreedAsync(IReadOnlyList<PackLocation> punched, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var range in punched)
        {
            await connection.ExecuteAsync("DELETE FROM freed WHERE pack = @Pack AND at = @At AND length = @Length", range, transaction)
                .ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The ranges of <paramref name="pack"/> to keep: its objects', and those freed since <paramref name="freedSince"/>
    /// (which a running process may still be reading), in order.
    /// </summary>
    public async Task<IReadOnlyList<PackLocation>> KeptAsync(string pack, long freedSince, CancellationToken cancellationToken)
    {
        await using var connection = await OpenToReadAsync(cancellationToken).ConfigureAwait(false);
        var kept = await connection.QueryAsync<PackLocation>(new CommandDefinition(
            "SELECT pack AS Pack, at AS At, length AS Length FROM objects WHERE pack = @pack " +
            "UNION ALL SELECT pack, at, length FROM freed WHERE pack = @pack AND freed_at >= @freedSince ORDER BY 2",
            new { pack, freedSince }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return kept.AsList();
    }

    /// <summary>Forgets the freed ranges of a pack that is about to be swept (punched or deleted whole).</summary>
    public async Task ForgetFreedInAsync(string pack, long freedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM freed WHERE pack = @pack AND freed_at < @freedBefore",
            new { pack, freedBefore }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<bool> FreeAsync(DbConnection connection, DbTransaction transaction, string key, long now)
    {
        var freed = await connection.ExecuteAsync(
            "INSERT INTO freed (pack, at, length, freed_at) SELECT pack, at, length, @now FROM objects WHERE key = @key", new { key, now }, transaction)
            .ConfigureAwait(false);
        if (freed > 0)
        {
            await connection.ExecuteAsync("DELETE FROM objects WHERE key = @key", new { key }, transaction).ConfigureAwait(false);
        }

        return freed > 0;
    }

    /// <summary>A connection for lookups: no commit on it needs the sync level said.</summary>
    private async Task<DbConnection> OpenToReadAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        return await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Said, not assumed from the build's default: a commit that returned must be on disk.
            await connection.ExecuteAsync("PRAGMA synchronous = FULL").ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task EnsureCreatedAsync()
    {
        lock (_lock)
        {
            // A failed creation (the disk was full, say) is tried again by the next caller.
            return _created is { IsFaulted: false } ? _created : _created = CreateAsync();
        }
    }

    /// <summary>WAL, with full sync on every connection: a commit that returned is on disk, which the index rows pointing at these objects rely on.</summary>
    private async Task CreateAsync()
    {
        FolderFlush.CreateDurably(Path.GetDirectoryName(_file)!);

        await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await connection.ExecuteAsync("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS objects (key TEXT PRIMARY KEY, pack TEXT NOT NULL, at INTEGER NOT NULL, length INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS objects_by_pack ON objects (pack, at);
            CREATE TABLE IF NOT EXISTS freed (pack TEXT NOT NULL, at INTEGER NOT NULL, length INTEGER NOT NULL, freed_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS freed_by_pack ON freed (pack, at);
            """).ConfigureAwait(false);
    }
}
