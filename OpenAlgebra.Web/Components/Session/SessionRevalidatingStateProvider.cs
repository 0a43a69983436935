using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Components.Session;

/// <summary>
/// A circuit outlives the request that opened it; this re-checks the server-side session every minute so that
/// a sign-out elsewhere, an idle expiry or a revoked account reaches open tabs too.
/// </summary>
internal sealed class SessionRevalidatingStateProvider(ILoggerFactory loggerFactory, ISessionService sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var sessionId = authenticationState.User.FindFirstValue(AuthSchemes.SessionClaim);
        return sessionId is not null && (await sessions.CheckAsync(sessionId, cancellationToken)).State == SessionState.Active;
    }
}
