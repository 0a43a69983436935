namespace OpenAlgebra.Modules.Compliance.Tokens;

public sealed record ApiTokenInfo(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A new token. <see cref="Token"/> exists only in this object: the store keeps its SHA-256.</summary>
public sealed record CreatedApiToken(string Id, string Token, DateTimeOffset ExpiresAt);

/// <summary>Who a presented token speaks for.</summary>
public sealed record TokenIdentity(string TokenId, string UserId, string UserName, IReadOnlyList<string> Roles);
