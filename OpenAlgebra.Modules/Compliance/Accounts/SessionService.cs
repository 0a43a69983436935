using Dapper;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Compliance.Accounts;

internal sealed class SessionService(ISqlDatabase database, AuditTrail audit, IOptions<AuthOptions> options, TimeProvider clock) : ISessionService
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(30);

    public TimeSpan IdleTimeout => options.Value.IdleTimeout;

    public async Task<SessionCheck> CheckAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        SessionRow? row;
        UserRow? user = null;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
                "SELECT user_id AS UserId, created_at AS CreatedAt, last_seen_at AS LastSeenAt, ended_at AS EndedAt FROM sessions WHERE id = @sessionId",
                new { sessionId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is not null && row.EndedAt is null)
            {
                user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                    $"SELECT {UserRow.Columns} FROM users WHERE id = @UserId", new { row.UserId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        if (row is null || user is null)
        {
            return new SessionCheck(SessionState.Ended, null);
        }

        var now = clock.GetUtcNow();
        if (now - Timestamps.Parse(row.CreatedAt) > TimeSpan.FromHours(options.Value.AbsoluteSessionHours))
        {
            await EndAsync(sessionId, "session lifetime reached", Actor(user), cancellationToken).ConfigureAwait(false);
            return new SessionCheck(SessionState.Ended, null);
        }

        if (now - Timestamps.Parse(row.LastSeenAt) > IdleTimeout)
        {
            await EndAsync(sessionId, "idle timeout", Actor(user), cancellationToken).ConfigureAwait(false);
            return new SessionCheck(SessionState.IdleExpired, null);
        }

        return new SessionCheck(SessionState.Active, user.ToAccount());
    }

    public async Task TouchAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET last_seen_at = @now WHERE id = @sessionId AND ended_at IS NULL AND last_seen_at < @threshold",
            new { sessionId, now = Timestamps.ToText(now), threshold = Timestamps.ToText(now - TouchInterval) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task EndAsync(string sessionId, string reason, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ended = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET ended_at = @now, end_reason = @reason WHERE id = @sessionId AND ended_at IS NULL",
            new { sessionId, reason, now = Timestamps.ToText(clock.GetUtcNow()) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (ended > 0)
        {
            await audit.AppendAsync(connection, transaction, new AuditEvent(actor, AuditEventIds.UserAuthentication, AuditActions.Execute,
                AuditOutcomes.Success, AuditEventTypes.Logout, "session", sessionId, reason), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static AuditActor Actor(UserRow user) => new(user.UserName, user.Roles.Split(','), null);

    private sealed record SessionRow
    {
        public string UserId { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string LastSeenAt { get; init; } = "";
        public string? EndedAt { get; init; }
    }
}
