using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Compliance.Accounts;

internal sealed class AccountService(
    ISqlDatabase database,
    AuditTrail audit,
    IPasswordHasher<UserRow> hasher,
    IOptions<AuthOptions> options,
    TimeProvider clock) : IAccountService
{
    public const string InitialAdminName = "admin";

    // Verified against when the user does not exist, so that a wrong name costs as long as a wrong password.
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(new UserRow(), RandomNumberGenerator.GetHexString(32)));

    public async Task<SignInResult> SignInAsync(string userName, string password, string? sourceIp, CancellationToken cancellationToken = default)
    {
        var attempted = new AuditActor(userName?.Trim() ?? "", [], sourceIp);
        var user = string.IsNullOrWhiteSpace(userName) ? null : await LoadAsync(userName, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (user is null)
        {
            hasher.VerifyHashedPassword(new UserRow(), _decoyHash.Value, password ?? "");
            await audit.RecordAsync(SignInEvent(attempted, AuditOutcomes.MinorFailure, "unknown user name"), cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInStatus.InvalidCredentials);
        }

        var actor = attempted with { UserName = user.UserName, Roles = user.Roles.Split(',') };
        if (user.LockedUntil is { } lockedText && Timestamps.Parse(lockedText) > now)
        {
            await audit.RecordAsync(SignInEvent(actor, AuditOutcomes.MinorFailure, $"refused: account locked until {lockedText}"), cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInStatus.LockedOut, LockedUntil: Timestamps.Parse(lockedText));
        }

        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (verification == PasswordVerificationResult.Failed)
        {
            return await RecordFailureAsync(user, actor, now, cancellationToken).ConfigureAwait(false);
        }

        var sessionId = Ids.New();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rehash = verification == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password!) : user.PasswordHash;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_sign_ins = 0, locked_until = NULL, password_hash = @rehash WHERE id = @Id",
            new { user.Id, rehash }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sessions (id, user_id, created_at, last_seen_at, source_ip)
            VALUES (@sessionId, @userId, @now, @now, @sourceIp)
            """, new { sessionId, userId = user.Id, now = Timestamps.ToText(now), sourceIp }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction,
            SignInEvent(actor, AuditOutcomes.Success, null) with { ObjectType = "session", ObjectId = sessionId }, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInStatus.Succeeded, user.ToAccount() with { LockedUntil = null }, sessionId);
    }

    private async Task<SignInResult> RecordFailureAsync(UserRow user, AuditActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var failures = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = @Id RETURNING failed_sign_ins",
            new { user.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction,
            SignInEvent(actor, AuditOutcomes.MinorFailure, $"wrong password ({failures} of {settings.LockoutThreshold})"), cancellationToken).ConfigureAwait(false);
        DateTimeOffset? lockedUntil = null;
        if (failures >= settings.LockoutThreshold)
        {
            lockedUntil = now + settings.LockoutDuration;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET failed_sign_ins = 0, locked_until = @until WHERE id = @Id",
                new { user.Id, until = Timestamps.ToText(lockedUntil.Value) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await audit.AppendAsync(connection, transaction, new AuditEvent(actor, AuditEventIds.SecurityAlert, AuditActions.Execute,
                AuditOutcomes.SeriousFailure, AuditEventTypes.UserSecurityAttributesChanged, "user", user.Id,
                $"account locked until {Timestamps.ToText(lockedUntil.Value)} after {failures} failed sign-ins"), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return lockedUntil is null
            ? new SignInResult(SignInStatus.InvalidCredentials)
            : new SignInResult(SignInStatus.LockedOut, LockedUntil: lockedUntil);
    }

    public async Task<UserAccount> CreateUserAsync(string userName, IReadOnlyList<string> roles, string password, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var name = AccountRules.ValidUserName(userName);
        var validRoles = AccountRules.ValidRoles(roles);
        AccountRules.ValidPassword(password, name, options.Value.MinimumPasswordLength);

        var row = new UserRow
        {
            Id = Ids.New(),
            UserName = name,
            Roles = string.Join(',', validRoles),
            CreatedAt = Timestamps.ToText(clock.GetUtcNow()),
        };
        row = row with { PasswordHash = hasher.HashPassword(row, password) };

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE normalized_name = @normalized", new { normalized = UserRow.Normalize(name) },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (taken > 0)
        {
            throw new AccountValidationException($"User name '{name}' is already taken.");
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO users (id, user_name, normalized_name, password_hash, roles, failed_sign_ins, created_at)
            VALUES (@Id, @UserName, @Normalized, @PasswordHash, @Roles, 0, @CreatedAt)
            """, new { row.Id, row.UserName, Normalized = UserRow.Normalize(name), row.PasswordHash, row.Roles, row.CreatedAt },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction, new AuditEvent(actor, AuditEventIds.SecurityAlert, AuditActions.Create,
            AuditOutcomes.Success, AuditEventTypes.UserSecurityAttributesChanged, "user", row.Id,
            $"created user {name} with roles {row.Roles}"), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.ToAccount();
    }

    public async Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken = default) =>
        (await LoadAsync(userName, cancellationToken).ConfigureAwait(false))?.ToAccount();

    public async Task<string?> EnsureInitialAdminAsync(string? configuredPassword, CancellationToken cancellationToken = default)
    {
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            var users = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (users > 0)
            {
                return null;
            }
        }

        var generated = string.IsNullOrEmpty(configuredPassword) ? GeneratePassword() : null;
        try
        {
            // An empty variable (compose passes "" when unset) means "not configured", not an empty password.
            await CreateUserAsync(InitialAdminName, [Roles.Admin, Roles.Ops], generated ?? configuredPassword!, AuditActor.System, cancellationToken).ConfigureAwait(false);
        }
        catch (AccountValidationException e) when (e.Message.Contains("already taken", StringComparison.Ordinal))
        {
            return null; // another instance created it first
        }

        return generated;
    }

    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);

    private async Task<UserRow?> LoadAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE normalized_name = @normalized",
            new { normalized = UserRow.Normalize(userName) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static AuditEvent SignInEvent(AuditActor actor, int outcome, string? detail) =>
        new(actor, AuditEventIds.UserAuthentication, AuditActions.Execute, outcome, AuditEventTypes.Login, Detail: detail);
}
