using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

internal static class AnalysisEndpoints
{
    /// <summary>
    /// <c>POST /api/analyses</c>. <paramref name="Seeds"/> is <c>{"&lt;label&gt;": [[i, j, k], …]}</c>; the two mask fields
    /// name earlier analyses of the same series whose masks the engine takes as input and as reference.
    /// </summary>
    public sealed record SubmitRequest(string? SeriesId, string? Engine, string? Version, JsonNode? Parameters, JsonNode? Seeds,
        string? InputMaskAnalysisId, string? ReferenceMaskAnalysisId);

    public sealed record ReviewRequest(string? Decision, string? Comment);

    public static void MapAnalysisEndpoints(this IEndpointRouteBuilder app)
    {
        var analyses = app.MapGroup("/api/analyses").WithTags("Analyses").RequireAuthorization(Roles.Clinician);
        analyses.MapPost("/", SubmitAsync);
        analyses.MapGet("/", async (string? seriesId, string? state, int? limit, string? createdBy, HttpContext context, IAnalysisService service) =>
            TypedResults.Ok(await service.ListAsync(new AnalysisQuery(seriesId, state, limit ?? 100, createdBy), context.RequestAborted)));
        analyses.MapGet("/{id}", async (string id, HttpContext context, IAnalysisService service) =>
            TypedResults.Ok(await service.GetAsync(id, context.RequestAborted)));
        analyses.MapPost("/{id}/cancel", async (string id, HttpContext context, IAnalysisService service) =>
            TypedResults.Accepted($"/api/analyses/{id}", await service.CancelAsync(id, context.Actor(), context.RequestAborted)));
        analyses.MapPost("/{id}/review", async (string id, ReviewRequest? request, HttpContext context, IAnalysisService service) =>
            TypedResults.Ok(await service.ReviewAsync(id, request?.Decision, request?.Comment, context.Actor(), context.RequestAborted)));
        analyses.MapGet("/{id}/result/{name}", ResultAsync);
    }

    /// <summary>202 with the queued analysis and its Location; a bad field is a 400 naming it.</summary>
    private static async Task<Accepted<Analysis>> SubmitAsync(SubmitRequest? request, HttpContext context, IAnalysisService service)
    {
        var analysis = await service.SubmitAsync(new AnalysisSubmission(request?.SeriesId, request?.Engine, request?.Version, request?.Parameters,
            request?.Seeds, context.Actor(), request?.InputMaskAnalysisId, request?.ReferenceMaskAnalysisId), context.RequestAborted);
        return TypedResults.Accepted($"/api/analyses/{analysis.Id}", analysis);
    }

    /// <summary>A result file (each download audited as an Export); results never change, so browsers may keep them privately.</summary>
    private static async Task<FileStreamHttpResult> ResultAsync(string id, string name, HttpContext context, IAnalysisService service)
    {
        var file = await service.OpenResultAsync(id, name, context.Actor(), context.RequestAborted);
        context.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.Stream(file.Content, file.ContentType, $"{id}-{file.Name}");
    }
}
