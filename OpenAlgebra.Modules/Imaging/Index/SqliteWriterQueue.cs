using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Imaging.Index;

/// <summary>
/// The index's writers, one at a time in this process when the database is SQLite. SQLite admits one writer anyway, and
/// a writer that finds its lock taken sleeps in the busy handler (a millisecond, then longer) where one queued here starts
/// the moment the previous one commits. PostgreSQL locks rows, not the database: there writers do not queue.
/// </summary>
internal sealed class SqliteWriterQueue(ISqlDatabase database) : IDisposable
{
    private readonly SemaphoreSlim? _gate = database.Dialect.Provider == DatabaseProviders.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for this writer's turn; disposing the turn lets the next one in.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_gate is not null)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new Turn(_gate);
    }

    public void Dispose() => _gate?.Dispose();

    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
