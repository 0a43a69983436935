using System.Data.Common;
using Npgsql;

namespace OpenAlgebra.Modules.Platform.Sql;

internal sealed class PostgresDatabase(NpgsqlDataSource dataSource) : ISqlDatabase, ISqlDialect, IAsyncDisposable
{
    public ISqlDialect Dialect => this;

    public string Provider => DatabaseProviders.Postgres;

    public string ForUpdate => " FOR UPDATE";

    public string BlobType => "BYTEA";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
