using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Compliance.Tokens;

internal sealed class ApiTokenService(ISqlDatabase database, AuditTrail audit, IOptions<AuthOptions> options, TimeProvider clock) : IApiTokenService
{
    private const string Prefix = "oat_";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiToken> CreateAsync(string userId, string name, int? lifetimeDays, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var label = name?.Trim() ?? "";
        if (label.Length is < 1 or > 100)
        {
            throw new ArgumentException("Token name must be 1 to 100 characters.", nameof(name));
        }

        var days = lifetimeDays ?? options.Value.TokenLifetimeDays;
        if (days is < 1 or > 365)
        {
            throw new ArgumentException($"Token lifetime must be 1 to 365 days, got {days}.", nameof(lifetimeDays));
        }

        var id = Ids.New();
        var token = Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var expires = Timestamps.Truncate(now + TimeSpan.FromDays(days));

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at)
            VALUES (@id, @userId, @label, @hash, @now, @expires)
            """, new { id, userId, label, hash = HashOf(token), now = Timestamps.ToText(now), expires = Timestamps.ToText(expires) },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction, new AuditEvent(actor, AuditEventIds.SecurityAlert, AuditActions.Create,
            AuditOutcomes.Success, AuditEventTypes.UserSecurityAttributesChanged, "api-token", id,
            $"created API token '{label}' expiring {Timestamps.ToText(expires)}"), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedApiToken(id, token, expires);
    }

    public async Task<bool> RevokeAsync(string tokenId, string? ownerUserId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET revoked_at = @now WHERE id = @tokenId AND revoked_at IS NULL AND (@owner IS NULL OR user_id = @owner)",
            new { tokenId, owner = ownerUserId, now = Timestamps.ToText(clock.GetUtcNow()) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (revoked == 0)
        {
            return false;
        }

        await audit.AppendAsync(connection, transaction, new AuditEvent(actor, AuditEventIds.SecurityAlert, AuditActions.Delete,
            AuditOutcomes.Success, AuditEventTypes.UserSecurityAttributesChanged, "api-token", tokenId, "revoked API token"), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<int> RevokeAllAsync(string? userName, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        string? userId = null;
        if (userName is not null)
        {
            userId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT id FROM users WHERE normalized_name = @normalized", new { normalized = UserRow.Normalize(userName) },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
                ?? throw new ArgumentException($"No user is named '{userName}'.", nameof(userName));
        }

        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET revoked_at = @now WHERE revoked_at IS NULL AND (@userId IS NULL OR user_id = @userId)",
            new { userId, now = Timestamps.ToText(clock.GetUtcNow()) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction, new AuditEvent(actor, AuditEventIds.SecurityAlert, AuditActions.Delete,
            AuditOutcomes.Success, AuditEventTypes.UserSecurityAttributesChanged, "api-token", userId,
            $"revoked {revoked} API tokens of {userName ?? "every user"}"), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return revoked;
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TokenRow>(new CommandDefinition(
            $"SELECT {TokenRow.Columns} FROM api_tokens t WHERE t.user_id = @userId ORDER BY t.created_at DESC",
            new { userId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new ApiTokenInfo(r.Id, r.Name, Timestamps.Parse(r.CreatedAt), Timestamps.Parse(r.ExpiresAt),
            r.LastUsedAt is null ? null : Timestamps.Parse(r.LastUsedAt), r.RevokedAt is null ? null : Timestamps.Parse(r.RevokedAt))).ToList();
    }

    public async Task<TokenIdentity?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            $"SELECT {TokenRow.Columns}, u.user_name AS UserName, u.roles AS Roles FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @hash",
            new { hash = HashOf(token) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (row is null || row.RevokedAt is not null || Timestamps.Parse(row.ExpiresAt) <= now)
        {
            return null;
        }

        if (row.LastUsedAt is null || now - Timestamps.Parse(row.LastUsedAt) > LastUsedResolution)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE api_tokens SET last_used_at = @now WHERE id = @Id",
                new { row.Id, now = Timestamps.ToText(now) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return new TokenIdentity(row.Id, row.UserId, row.UserName!, row.Roles!.Split(','));
    }

    // Tokens carry 256 random bits, so one unsalted SHA-256 is enough to make the stored value useless to a thief.
    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record TokenRow
    {
        public const string Columns =
            "t.id AS Id, t.user_id AS UserId, t.name AS Name, t.created_at AS CreatedAt, t.expires_at AS ExpiresAt, " +
            "t.last_used_at AS LastUsedAt, t.revoked_at AS RevokedAt";

        public string Id { get; init; } = "";
        public string UserId { get; init; } = "";
        public string Name { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string ExpiresAt { get; init; } = "";
        public string? LastUsedAt { get; init; }
        public string? RevokedAt { get; init; }
        public string? UserName { get; init; }
        public string? Roles { get; init; }
    }
}
