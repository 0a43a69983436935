using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Index;

/// <summary>Group commit of index writes: writes that wait behind a commit go in together, and a failing one rolls back alone.</summary>
public sealed class IndexWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Writes_queued_behind_a_commit_share_one_transaction_and_a_failing_one_rolls_back_alone(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var writer = new IndexWriter(database.Get<ISqlDatabase>());
        var holding = new TaskCompletionSource();
        var running = new TaskCompletionSource();
        var seen = new List<object>();

        var first = writer.WriteAsync(durable: true, async (connection, transaction, token) =>
        {
            seen.Add(await TransactionOfAsync(provider, connection, transaction));
            running.SetResult();
            await holding.Task;
            return await MarkAsync(connection, transaction, "a");
        }, Ct);
        await running.Task;
        var failing = writer.WriteAsync(durable: true, async (connection, transaction, token) =>
        {
            seen.Add(await TransactionOfAsync(provider, connection, transaction));
            await MarkAsync(connection, transaction, "b");
            return await connection.ExecuteAsync("INSERT INTO no_such_table VALUES (1)", transaction: transaction);
        }, Ct);
        var relaxed = writer.WriteAsync(durable: false, async (connection, transaction, token) =>
        {
            seen.Add(await TransactionOfAsync(provider, connection, transaction));
            return await MarkAsync(connection, transaction, "c");
        }, Ct);
        holding.SetResult();

        Assert.Equal(1, await first);
        await Assert.ThrowsAnyAsync<DbException>(() => failing);
        Assert.Equal(1, await relaxed);
        Assert.Equal(3, seen.Count);
        Assert.NotEqual(seen[0], seen[1]);
        Assert.Equal(seen[1], seen[2]);
        await using var read = await database.Get<ISqlDatabase>().OpenAsync(Ct);
        Assert.Equal(["a", "c"], await read.QueryAsync<string>("SELECT object_key FROM pending_objects ORDER BY object_key"));
    }

    [Fact]
    public async Task A_batch_that_need_not_reach_the_disk_hands_its_connection_back_committing_durably()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var sql = database.Get<ISqlDatabase>();
        using var writer = new IndexWriter(sql);
        SqliteConnection.ClearAllPools();

        await writer.WriteAsync(durable: false, (connection, transaction, token) => MarkAsync(connection, transaction, "m"), Ct);

        // The pool is left with the writer's connection alone: the next user gets it, and must get FULL (2) back.
        await using var next = await sql.OpenAsync(Ct);
        Assert.Equal(2, await next.ExecuteScalarAsync<long>("PRAGMA synchronous"));
    }

    /// <summary>What tells one transaction from another: PostgreSQL's transaction id; on SQLite, the transaction object.</summary>
    private static async Task<object> TransactionOfAsync(string provider, DbConnection connection, DbTransaction transaction) =>
        provider == DatabaseProviders.Postgres
            ? await connection.ExecuteScalarAsync<long>("SELECT txid_current()", transaction: transaction)
            : transaction;

    private static Task<int> MarkAsync(DbConnection connection, DbTransaction transaction, string key) =>
        connection.ExecuteAsync("INSERT INTO pending_objects (object_key, created_at) VALUES (@key, '2026-01-01T00:00:00.000Z')", new { key }, transaction);
}
