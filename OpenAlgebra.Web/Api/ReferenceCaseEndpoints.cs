using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Inference;
using OpenAlgebra.Modules.Inference.References;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

/// <summary>The site's reference cases of an engine (Admin): each joins the engine's phantoms when a version is validated.</summary>
internal static class ReferenceCaseEndpoints
{
    private static readonly string[] Fields = ["name", "seriesId", "seeds", "parameters"];

    public static void MapReferenceCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/engines/{engine}/reference-cases").WithTags("Engines").RequireAuthorization(Roles.Admin);
        cases.MapGet("/", async (string engine, HttpContext context, IReferenceCases references) =>
            TypedResults.Ok(await references.ListAsync(engine, context.RequestAborted)));
        cases.MapGet("/{id}", async (string engine, string id, HttpContext context, IReferenceCases references) =>
            TypedResults.Ok(await references.GetAsync(engine, id, context.RequestAborted)));
        cases.MapPost("/", AddAsync);
        cases.MapDelete("/{id}", async (string engine, string id, HttpContext context, IReferenceCases references) =>
        {
            await references.DeleteAsync(engine, id, context.Actor(), context.RequestAborted);
            return TypedResults.NoContent();
        });
    }

    /// <summary>
    /// Multipart: the file part <c>mask</c> (NIfTI-1 labels on the series' grid) and the fields <c>name</c>,
    /// <c>seriesId</c>, and as JSON text <c>seeds</c> (for seeded engines) and <c>parameters</c> (over the defaults).
    /// </summary>
    private static async Task<Created<ReferenceCase>> AddAsync(string engine, HttpContext context, IReferenceCases references,
        IOptions<UploadOptions> upload)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = upload.Value.MaxRequestBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            throw new InferenceRequestException("mask", "Send multipart/form-data: the reference mask as a NIfTI file in the part 'mask', with name and seriesId.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = upload.Value.MaxRequestBytes }, context.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            throw new InferenceRequestException("mask", $"The form could not be read: {e.Message}");
        }

        if (form.Keys.FirstOrDefault(k => !Fields.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw new InferenceRequestException(unknown, $"Unknown field '{unknown}'; the fields are {string.Join(", ", Fields)} and the file part mask.");
        }

        var mask = form.Files.GetFile("mask")
            ?? throw new InferenceRequestException("mask", "The part 'mask' is missing: send the reference segmentation as a NIfTI file (.nii or .nii.gz).");
        await using var stream = mask.OpenReadStream();
        var created = await references.AddAsync(engine,
            new ReferenceCaseUpload(form["name"].ToString(), form["seriesId"].ToString(), stream, Json(form, "seeds"), Json(form, "parameters")),
            context.Actor(), context.RequestAborted);
        return TypedResults.Created($"/api/engines/{Uri.EscapeDataString(engine)}/reference-cases/{created.Id}", created);
    }

    private static JsonNode? Json(IFormCollection form, string field)
    {
        var text = form[field].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InferenceRequestException(field, $"{field} is not JSON: {e.Message}");
        }
    }
}
