using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Web.Api;

namespace OpenAlgebra.Web.Auth;

/// <summary>
/// The cookie names a server-side session; every request checks that session, so sign-out, idle expiry and
/// role changes apply at once. API paths answer 401/403 as problem details instead of redirecting.
/// </summary>
internal sealed class SessionCookieEvents(ISessionService sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirst(AuthSchemes.SessionClaim)?.Value;
        var check = sessionId is null ? null : await sessions.CheckAsync(sessionId, context.HttpContext.RequestAborted);
        if (check?.State != SessionState.Active || check.User is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }

        var current = context.Principal!.RoleNames();
        if (!current.Order(StringComparer.Ordinal).SequenceEqual(check.User.Roles.Order(StringComparer.Ordinal)))
        {
            context.ReplacePrincipal(Principals.Create(AuthSchemes.Cookie, check.User.Id, check.User.UserName, check.User.Roles, AuthSchemes.SessionClaim, sessionId!));
            context.ShouldRenew = true;
        }

        await sessions.TouchAsync(sessionId!, context.HttpContext.RequestAborted);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        ApiPaths.IsApi(context.Request)
            ? Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required", "Sign in with POST /api/auth/login or send Authorization: Bearer <token>.")
            : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        ApiPaths.IsApi(context.Request)
            ? Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your roles do not allow this request.")
            : base.RedirectToAccessDenied(context);
}
