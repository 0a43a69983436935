using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OpenAlgebra.Modules.Platform.Sql;

internal sealed class SqliteDatabase : ISqlDatabase, ISqlDialect
{
    /// <summary>How long a statement waits for another connection's write lock before it fails.</summary>
    private const int LockTimeoutSeconds = 30;

    private readonly string _connectionString;

    public SqliteDatabase(string databaseFile)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = LockTimeoutSeconds,
        }.ToString();
    }

    public ISqlDialect Dialect => this;

    public string Provider => DatabaseProviders.Sqlite;

    public string ForUpdate => string.Empty;

    public string BlobType => "BLOB";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // SQLite's own busy handler retries within a millisecond or so; without it Microsoft.Data.Sqlite sleeps 150 ms
            // between tries, and a writer that found the lock taken waited that long for a commit of a fraction of it.
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, LockTimeoutSeconds * 1000);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
