using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OpenAlgebra.Modules.Platform.Sql;

internal sealed class SqliteDatabase : ISqlDatabase, ISqlDialect
{
    private readonly string _connectionString;

    public SqliteDatabase(string databaseFile)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = 30,
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
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, 30_000);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
