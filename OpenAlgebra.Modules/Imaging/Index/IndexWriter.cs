using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Imaging.Index;

/// <summary>
/// Every write to the study index goes through here, one batch at a time. Writes that arrive while a batch commits wait
/// and then commit together (group commit): one transaction and one flush to disk for all of them, each in its own
/// savepoint so that a failing one rolls back alone. A batch is flushed only when one of its writes must survive a power
/// cut (index rows); pending marks alone need not be: a lost mark makes its object look orphaned, and the sweep only
/// removes objects that no row refers to.
/// </summary>
internal sealed class IndexWriter(ISqlDatabase database) : IDisposable
{
    private const string Savepoint = "index_write";
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentQueue<Write> _waiting = new();
    private readonly bool _sqlite = database.Dialect.Provider == DatabaseProviders.Sqlite;

    /// <summary>Runs <paramref name="write"/> inside a transaction and returns its result once that transaction has committed.</summary>
    /// <param name="durable">Whether the commit must reach the disk before this returns.</param>
    public async Task<T> WriteAsync<T>(bool durable, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        var queued = new Write<T>(durable, write, cancellationToken);
        _waiting.Enqueue(queued);
        // Every batch takes all that waits, so by the time this write gets the turn it is either done or in the next batch.
        await _turn.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!queued.Result.IsCompleted)
            {
                await CommitWaitingAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }

        return await queued.Result.ConfigureAwait(false);
    }

    public void Dispose() => _turn.Dispose();

    private async Task CommitWaitingAsync()
    {
        var batch = new List<Write>();
        while (_waiting.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        var durable = batch.Exists(w => w.Durable);
        var done = new List<Write>();
        try
        {
            await using var connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await RunBatchAsync(connection, batch, durable, done).ConfigureAwait(false);
                done.ForEach(w => w.Commit());
            }
            finally
            {
                if (_sqlite && !durable)
                {
                    await RestoreDurableCommitsAsync(connection).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            batch.ForEach(w => w.Fail(e));
        }
    }

    /// <summary>The connection goes back to the pool: whoever uses it next must commit durably again, or not get it at all.</summary>
    private static async Task RestoreDurableCommitsAsync(DbConnection connection)
    {
        try
        {
            await connection.ExecuteAsync("PRAGMA synchronous = FULL").ConfigureAwait(false);
        }
        catch
        {
            if (connection is SqliteConnection sqlite)
            {
                SqliteConnection.ClearPool(sqlite);
            }

            throw;
        }
    }

    private async Task RunBatchAsync(DbConnection connection, List<Write> batch, bool durable, List<Write> done)
    {
        if (_sqlite && !durable)
        {
            // WAL mode: the commit is appended to the log but not flushed; the next durable commit flushes it too. NORMAL, not
            // OFF: a checkpoint this connection runs must still sync, or a power cut could corrupt the durable commits before it.
            await connection.ExecuteAsync("PRAGMA synchronous = NORMAL").ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        if (!_sqlite && !durable)
        {
            await connection.ExecuteAsync("SET LOCAL synchronous_commit TO OFF", transaction: transaction).ConfigureAwait(false);
        }

        foreach (var write in batch)
        {
            if (batch.Count == 1)
            {
                await write.RunAsync(connection, transaction).ConfigureAwait(false);
                done.Add(write);
                continue;
            }

            await transaction.SaveAsync(Savepoint).ConfigureAwait(false);
            try
            {
                await write.RunAsync(connection, transaction).ConfigureAwait(false);
                await transaction.ReleaseAsync(Savepoint).ConfigureAwait(false);
                done.Add(write);
            }
            catch (Exception e)
            {
                await transaction.RollbackAsync(Savepoint).ConfigureAwait(false);
                await transaction.ReleaseAsync(Savepoint).ConfigureAwait(false);
                write.Fail(e);
            }
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private abstract class Write(bool durable)
    {
        public bool Durable { get; } = durable;

        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);

        /// <summary>The batch committed: the write's result is now visible (and, when durable, on disk).</summary>
        public abstract void Commit();

        public abstract void Fail(Exception failure);
    }

    private sealed class Write<T>(bool durable, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
        : Write(durable)
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;

        public Task<T> Result => _result.Task;

        public override async Task RunAsync(DbConnection connection, DbTransaction transaction) =>
            _value = await write(connection, transaction, cancellationToken).ConfigureAwait(false);

        public override void Commit() => _result.TrySetResult(_value!);

        public override void Fail(Exception failure) => _result.TrySetException(failure);
    }
}
