using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Compliance.Accounts;

/// <summary>Server-side sessions: the cookie only names one, so sign-out and idle expiry take effect everywhere at once.</summary>
public interface ISessionService
{
    /// <summary>Whether the session may still be used; a session found idle past the timeout is ended (and audited) here.</summary>
    Task<SessionCheck> CheckAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Records activity; cheap to call often (writes at most every 30 seconds per session).</summary>
    Task TouchAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends the session (sign-out or idle); audited once, idempotent.</summary>
    Task EndAsync(string sessionId, string reason, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>How long a session may be idle.</summary>
    TimeSpan IdleTimeout { get; }
}
