using Microsoft.AspNetCore.Http.HttpResults;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Roles.Admin);
        audit.MapGet("/", QueryAsync);
        audit.MapGet("/verify", VerifyAsync);
    }

    private static async Task<Ok<AuditPage>> QueryAsync(
        HttpContext context, IAuditTrail trail,
        DateTimeOffset? from, DateTimeOffset? to, string? user, string? @event, int? page, int? pageSize)
    {
        var query = new AuditQuery(from, to, user, @event, page ?? 1, pageSize ?? 50);
        return TypedResults.Ok(await trail.QueryAsync(query, context.Actor(), context.RequestAborted));
    }

    private static async Task<Ok<AuditChainStatus>> VerifyAsync(HttpContext context, IAuditTrail trail)
    {
        await trail.RecordAsync(new AuditEvent(context.Actor(), AuditEventIds.AuditLogUsed, AuditActions.Execute, AuditOutcomes.Success,
            ObjectType: "audit-log", Detail: "chain verification"), context.RequestAborted);
        return TypedResults.Ok(await trail.VerifyAsync(context.RequestAborted));
    }
}
