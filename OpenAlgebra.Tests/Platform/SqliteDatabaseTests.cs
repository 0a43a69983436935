using Dapper;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Platform;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public async Task A_connection_waits_for_the_write_lock_in_SQLite_s_own_busy_handler()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var connection = await database.Get<ISqlDatabase>().OpenAsync(TestContext.Current.CancellationToken);

        // Without a busy timeout, Microsoft.Data.Sqlite retries a locked statement every 150 ms.
        Assert.Equal(30_000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
    }
}
