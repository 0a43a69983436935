using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Compliance.Tokens;

/// <summary>Personal API tokens for scripts (<c>Authorization: Bearer</c>).</summary>
public interface IApiTokenService
{
    /// <exception cref="ArgumentException">The name is empty or longer than 100 characters, or the lifetime is not 1 to 365 days.</exception>
    Task<CreatedApiToken> CreateAsync(string userId, string name, int? lifetimeDays, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Revokes one of <paramref name="ownerUserId"/>'s tokens (any user's when null).</summary>
    /// <returns>False when no such live token exists.</returns>
    Task<bool> RevokeAsync(string tokenId, string? ownerUserId, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Revokes every live token of one user, or of everyone when <paramref name="userName"/> is null.</summary>
    /// <exception cref="ArgumentException">No user has that name.</exception>
    Task<int> RevokeAllAsync(string? userName, AuditActor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userId, CancellationToken cancellationToken = default);

    /// <returns>The identity behind a live token, or null for an unknown, expired or revoked one.</returns>
    Task<TokenIdentity?> AuthenticateAsync(string token, CancellationToken cancellationToken = default);
}
