using Microsoft.AspNetCore.Http.HttpResults;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Inference;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

internal static class EngineEndpoints
{
    public sealed record ActivateRequest(string? Version);

    public static void MapEngineEndpoints(this IEndpointRouteBuilder app)
    {
        var engines = app.MapGroup("/api/engines").WithTags("Engines");
        // Clinicians choose engines and parameters; admins manage versions.
        engines.MapGet("/", async (HttpContext context, IEngineRegistry registry) => TypedResults.Ok(await registry.ListAsync(context.RequestAborted)))
            .RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin));
        engines.MapGet("/{engine}", async (string engine, HttpContext context, IEngineRegistry registry) =>
            TypedResults.Ok(await registry.GetAsync(engine, context.RequestAborted)))
            .RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin));
        engines.MapPost("/{engine}/activate", ActivateAsync).RequireAuthorization(Roles.Admin);
        engines.MapPost("/{engine}/rollback", async (string engine, HttpContext context, IEngineRegistry registry) =>
            TypedResults.Ok(await registry.RollbackAsync(engine, context.Actor(), context.RequestAborted)))
            .RequireAuthorization(Roles.Admin);
    }

    /// <summary>409 with the validation score when the gate refuses the version.</summary>
    private static async Task<Ok<EngineSummary>> ActivateAsync(string engine, ActivateRequest? request, HttpContext context, IEngineRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(request?.Version))
        {
            throw new InferenceRequestException("version", $"version is required: the version of {engine} to activate.");
        }

        return TypedResults.Ok(await registry.ActivateAsync(engine, request.Version, context.Actor(), context.RequestAborted));
    }
}
