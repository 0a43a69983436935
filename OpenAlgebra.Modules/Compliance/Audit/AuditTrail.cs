using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Compliance.Audit;

internal sealed partial class AuditTrail(ISqlDatabase database, TimeProvider clock, ILogger<AuditTrail> logger) : IAuditTrail, IDisposable
{
    // One appender at a time inside this process; across processes the head row lock (PostgreSQL) or the
    // database write lock (SQLite) serialises them, so the chain never forks.
    private readonly SemaphoreSlim _appendGate = new(1, 1);

    public async Task<AuditRecord> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var record = await AppendAsync(connection, transaction, auditEvent, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return record;
        }
        catch (Exception e) when (e is not AuditWriteException and not OperationCanceledException)
        {
            throw Failed(auditEvent, e);
        }
        finally
        {
            _appendGate.Release();
        }
    }

    public async Task<AuditRecord> AppendAsync(DbConnection connection, DbTransaction transaction, AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await connection.QuerySingleAsync<(long Seq, string Hash)>(new CommandDefinition(
                $"SELECT seq, hash FROM audit_chain_head WHERE id = 1{database.Dialect.ForUpdate}",
                transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var unhashed = new AuditRow
            {
                Seq = head.Seq + 1,
                OccurredAt = Timestamps.ToText(clock.GetUtcNow()),
                UserName = auditEvent.Actor.UserName,
                UserRoles = string.Join(',', auditEvent.Actor.Roles),
                SourceIp = auditEvent.Actor.SourceIp,
                EventId = auditEvent.EventId,
                EventType = auditEvent.EventType,
                Action = auditEvent.Action,
                Outcome = auditEvent.Outcome,
                ObjectType = auditEvent.ObjectType,
                ObjectId = auditEvent.ObjectId,
                Detail = auditEvent.Detail,
                PrevHash = head.Hash,
            };
            var row = unhashed with { Hash = AuditChain.HashOf(head.Hash, unhashed) };
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO audit_events (seq, occurred_at, user_name, user_roles, source_ip, event_id, event_type, action,
                    outcome, object_type, object_id, detail, prev_hash, hash)
                VALUES (@Seq, @OccurredAt, @UserName, @UserRoles, @SourceIp, @EventId, @EventType, @Action,
                    @Outcome, @ObjectType, @ObjectId, @Detail, @PrevHash, @Hash)
                """, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE audit_chain_head SET seq = @Seq, hash = @Hash WHERE id = 1",
                new { row.Seq, row.Hash }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row.ToRecord();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Failed(auditEvent, e);
        }
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, AuditActor reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Page < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Page, "page must be 1 or more.");
        }

        if (query.PageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, $"pageSize must be between 1 and {AuditQuery.MaxPageSize}.");
        }

        await RecordAsync(new AuditEvent(reader, AuditEventIds.AuditLogUsed, AuditActions.Read, AuditOutcomes.Success,
            ObjectType: "audit-log", Detail: Describe(query)), cancellationToken).ConfigureAwait(false);

        var filter = new List<string>();
        if (query.From is not null) filter.Add("occurred_at >= @From");
        if (query.To is not null) filter.Add("occurred_at < @To");
        if (!string.IsNullOrWhiteSpace(query.UserName)) filter.Add("user_name = @UserName");
        if (!string.IsNullOrWhiteSpace(query.EventId)) filter.Add("event_id = @EventId");
        var where = filter.Count == 0 ? "" : " WHERE " + string.Join(" AND ", filter);
        var parameters = new
        {
            From = query.From is { } from ? Timestamps.ToText(from) : null,
            To = query.To is { } to ? Timestamps.ToText(to) : null,
            query.UserName,
            query.EventId,
            Limit = query.PageSize,
            Offset = (long)(query.Page - 1) * query.PageSize,
        };

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM audit_events" + where, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditRow.Columns} FROM audit_events{where} ORDER BY seq DESC LIMIT @Limit OFFSET @Offset",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new AuditPage(rows.Select(r => r.ToRecord()).ToList(), total, query.Page, query.PageSize);
    }

    public async Task<AuditChainStatus> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var previous = AuditChain.Genesis;
        long expected = 1;
        long checkedRows = 0;
        await foreach (var row in connection.QueryUnbufferedAsync<AuditRow>(
            $"SELECT {AuditRow.Columns} FROM audit_events ORDER BY seq").WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (row.Seq != expected)
            {
                return Broken(checkedRows, row.Seq, $"row {row.Seq} follows row {expected - 1}: row {expected} is missing or out of order.");
            }

            if (row.PrevHash != previous)
            {
                return Broken(checkedRows, row.Seq, $"row {row.Seq} does not link to the row before it (rows removed, swapped or rewritten).");
            }

            if (AuditChain.HashOf(previous, row) != row.Hash)
            {
                return Broken(checkedRows, row.Seq, $"row {row.Seq} was changed after it was written: its content no longer matches its hash.");
            }

            previous = row.Hash;
            expected++;
            checkedRows++;
        }

        var head = await connection.QuerySingleAsync<(long Seq, string Hash)>("SELECT seq, hash FROM audit_chain_head WHERE id = 1").ConfigureAwait(false);
        if (head.Seq != checkedRows || head.Hash != previous)
        {
            return Broken(checkedRows, checkedRows + 1,
                $"the chain ends at row {checkedRows} but was last written at row {head.Seq}: rows at the end were removed or the head was changed.");
        }

        return new AuditChainStatus(true, checkedRows, null, $"{checkedRows} rows, chain intact.");
    }

    public void Dispose() => _appendGate.Dispose();

    private static AuditChainStatus Broken(long checkedRows, long sequence, string message) =>
        new(false, checkedRows, sequence, message);

    private static string Describe(AuditQuery q) =>
        $"from={q.From:O} to={q.To:O} user={q.UserName} event={q.EventId} page={q.Page} pageSize={q.PageSize}";

    private AuditWriteException Failed(AuditEvent auditEvent, Exception e)
    {
        AuditMetrics.WriteFailures.Inc();
        LogWriteFailed(logger, e, auditEvent.EventId, auditEvent.Actor.UserName);
        return new AuditWriteException($"The audit trail could not record event {auditEvent.EventId} ({AuditEventIds.NameOf(auditEvent.EventId)}); the action was not performed.", e);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audit write failed for event {EventId} by {UserName}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string eventId, string userName);
}
