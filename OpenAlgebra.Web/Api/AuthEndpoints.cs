using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

internal static class AuthEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record CurrentUser(string Id, string UserName, IReadOnlyList<string> Roles);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Authentication");
        api.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        api.MapPost("/logout", LogoutAsync).RequireAuthorization();
        api.MapGet("/me", (HttpContext context) => TypedResults.Ok(new CurrentUser(context.User.UserId(), context.User.Identity!.Name!, context.User.RoleNames())))
            .RequireAuthorization();

        // The server-rendered sign-in page posts here; failures go back to the page with a reason, never a JSON body.
        var forms = app.MapGroup("/account").WithTags("Sign-in page");
        forms.MapPost("/login", FormLoginAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        forms.MapPost("/logout", FormLogoutAsync);
    }

    private static async Task<Results<Ok<CurrentUser>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext context, IAccountService accounts)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem("Both 'username' and 'password' are required.", statusCode: StatusCodes.Status400BadRequest, title: "Missing credentials");
        }

        var result = await accounts.SignInAsync(request.Username, request.Password, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return result.Status switch
        {
            SignInStatus.Succeeded => await SignInCookieAsync(context, result),
            SignInStatus.LockedOut => TypedResults.Problem(
                $"Too many failed sign-ins; the account is locked until {result.LockedUntil:O}.", statusCode: StatusCodes.Status423Locked, title: "Account locked"),
            _ => TypedResults.Problem("The user name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed"),
        };
    }

    private static async Task<Ok<CurrentUser>> SignInCookieAsync(HttpContext context, Modules.Compliance.Accounts.SignInResult result)
    {
        var user = result.User!;
        await context.SignInAsync(AuthSchemes.Cookie,
            Principals.Create(AuthSchemes.Cookie, user.Id, user.UserName, user.Roles, AuthSchemes.SessionClaim, result.SessionId!));
        return TypedResults.Ok(new CurrentUser(user.Id, user.UserName, user.Roles));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context, ISessionService sessions)
    {
        await EndSessionAsync(context, sessions, "signed out");
        return TypedResults.NoContent();
    }

    private static async Task<RedirectHttpResult> FormLoginAsync(
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext context, IAccountService accounts)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return TypedResults.LocalRedirect(LoginPage("missing", back, null));
        }

        var result = await accounts.SignInAsync(username, password, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        switch (result.Status)
        {
            case SignInStatus.Succeeded:
                await SignInCookieAsync(context, result);
                return TypedResults.LocalRedirect(back);
            case SignInStatus.LockedOut:
                return TypedResults.LocalRedirect(LoginPage("locked", back, result.LockedUntil));
            default:
                return TypedResults.LocalRedirect(LoginPage("invalid", back, null));
        }
    }

    private static async Task<RedirectHttpResult> FormLogoutAsync(HttpContext context, ISessionService sessions, [FromForm] string? reason)
    {
        await EndSessionAsync(context, sessions, reason == "idle" ? "idle timeout" : "signed out");
        return TypedResults.LocalRedirect(reason == "idle" ? "/login?reason=idle" : "/login?reason=signed-out");
    }

    private static async Task EndSessionAsync(HttpContext context, ISessionService sessions, string reason)
    {
        var sessionId = context.User.FindFirst(AuthSchemes.SessionClaim)?.Value;
        if (sessionId is not null)
        {
            await sessions.EndAsync(sessionId, reason, context.Actor(), context.RequestAborted);
        }

        await context.SignOutAsync(AuthSchemes.Cookie);
    }

    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/login", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";

    private static string LoginPage(string error, string returnUrl, DateTimeOffset? lockedUntil)
    {
        var query = new Dictionary<string, string?> { ["error"] = error, ["returnUrl"] = returnUrl };
        if (lockedUntil is { } until)
        {
            query["until"] = until.ToString("O", CultureInfo.InvariantCulture);
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/login", query);
    }
}
