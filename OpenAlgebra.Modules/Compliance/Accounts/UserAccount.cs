namespace OpenAlgebra.Modules.Compliance.Accounts;

public sealed record UserAccount(string Id, string UserName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil);

public enum SignInStatus
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
}

/// <summary>The outcome of a sign-in; on success, the server-side session it opened.</summary>
public sealed record SignInResult(SignInStatus Status, UserAccount? User = null, string? SessionId = null, DateTimeOffset? LockedUntil = null);

/// <summary>A user name, password or role list that the rules refuse; the message says which rule.</summary>
public sealed class AccountValidationException(string message) : Exception(message);
