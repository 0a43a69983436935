namespace OpenAlgebra.Modules.Compliance.Accounts;

public enum SessionState
{
    Active,
    IdleExpired,
    Ended,
}

/// <summary>A live session and the user it belongs to, with the user's current roles.</summary>
public sealed record SessionCheck(SessionState State, UserAccount? User);
