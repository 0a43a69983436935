using Microsoft.AspNetCore.Http.HttpResults;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Tokens;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

internal static class TokenEndpoints
{
    public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

    public sealed record TokenCreated(string Id, string Token, DateTimeOffset ExpiresAt);

    public static void MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/tokens").WithTags("API tokens").RequireAuthorization();
        tokens.MapPost("/", CreateAsync);
        tokens.MapGet("/", async (HttpContext context, IApiTokenService service) =>
            TypedResults.Ok(await service.ListAsync(context.User.UserId(), context.RequestAborted)));
        tokens.MapDelete("/{id}", RevokeAsync);
    }

    private static async Task<Created<TokenCreated>> CreateAsync(CreateTokenRequest? request, HttpContext context, IApiTokenService service)
    {
        var created = await service.CreateAsync(context.User.UserId(), request?.Name ?? "API token", request?.ExpiresInDays, context.Actor(), context.RequestAborted);
        return TypedResults.Created($"/api/tokens/{created.Id}", new TokenCreated(created.Id, created.Token, created.ExpiresAt));
    }

    private static async Task<Results<NoContent, NotFound<string>>> RevokeAsync(string id, HttpContext context, IApiTokenService service)
    {
        // Admins may revoke anyone's token (a lost laptop); everyone else only their own.
        var owner = context.User.IsInRole(Roles.Admin) ? null : context.User.UserId();
        return await service.RevokeAsync(id, owner, context.Actor(), context.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.NotFound($"No live API token '{id}' of yours.");
    }
}
