using System.Security.Claims;
using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Web.Auth;

internal static class Principals
{
    public static ClaimsPrincipal Create(string scheme, string userId, string userName, IEnumerable<string> roles, string credentialClaim, string credentialId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId),
            new(ClaimTypes.Name, userName),
            new(credentialClaim, credentialId),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The principal has no user id.");

    public static IReadOnlyList<string> RoleNames(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public static AuditActor ToActor(this ClaimsPrincipal user, string? sourceIp) =>
        new(user.Identity?.Name ?? "anonymous", user.RoleNames(), sourceIp);

    public static AuditActor Actor(this HttpContext context) =>
        context.User.ToActor(context.Connection.RemoteIpAddress?.ToString());
}
