using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Vault;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

internal static class StudyEndpoints
{
    public sealed record RevealRequest(string? Reason);

    public static void MapStudyEndpoints(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/api/studies").WithTags("Studies");
        studies.MapGet("/", SearchAsync).RequireAuthorization(Roles.Clinician);
        studies.MapGet("/{id}", GetAsync).RequireAuthorization(Roles.Clinician);
        studies.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Roles.Admin);
        studies.MapPost("/{id}/reveal", RevealAsync).RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin));
    }

    /// <param name="sort">A <see cref="StudySort"/> name (<c>uploaded</c>, <c>studyDate</c>, <c>pseudonym</c>, …); uploaded by default.</param>
    /// <param name="order"><c>asc</c> or <c>desc</c> (the default).</param>
    private static async Task<Ok<StudyPage>> SearchAsync(HttpContext context, IStudyIndex index, IAuditTrail audit,
        string? q, string? modality, string? from, string? to, int? page, int? pageSize, string? sort, string? order)
    {
        var search = new StudySearch(q, modality, from, to, page ?? 1, pageSize ?? 50, ParseSort(sort), ParseOrder(order));
        var result = await index.SearchAsync(search, context.RequestAborted);
        // One audit row per request, not per row: which studies a search showed is in the detail.
        await audit.RecordAsync(new AuditEvent(context.Actor(), AuditEventIds.Query, AuditActions.Execute, AuditOutcomes.Success, ObjectType: "study-list",
            Detail: string.Create(CultureInfo.InvariantCulture, $"q={q} modality={modality} from={from} to={to} page={search.Page}: {result.Items.Count} of {result.Total} studies listed")),
            context.RequestAborted);
        return TypedResults.Ok(result);
    }

    private static StudySort ParseSort(string? sort) =>
        string.IsNullOrEmpty(sort) ? StudySort.Uploaded
        : Enum.TryParse<StudySort>(sort, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !sort.All(char.IsAsciiDigit) ? parsed
        : throw new ArgumentException($"sort must be one of {string.Join(", ", Enum.GetNames<StudySort>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}, not '{sort}'.");

    private static bool ParseOrder(string? order) => order?.ToLowerInvariant() switch
    {
        null or "" or "desc" => true,
        "asc" => false,
        _ => throw new ArgumentException($"order must be asc or desc, not '{order}'."),
    };

    private static async Task<Results<Ok<StudyDetail>, NotFound<string>>> GetAsync(string id, HttpContext context, IStudyIndex index, IAuditTrail audit)
    {
        var study = await index.GetStudyAsync(id, context.RequestAborted);
        if (study is null)
        {
            return TypedResults.NotFound($"No study '{id}'.");
        }

        await audit.RecordAsync(new AuditEvent(context.Actor(), AuditEventIds.DicomInstancesAccessed, AuditActions.Read, AuditOutcomes.Success,
            ObjectType: "study", ObjectId: id, Detail: "study metadata"), context.RequestAborted);
        return TypedResults.Ok(study);
    }

    private static async Task<Results<NoContent, NotFound<string>>> DeleteAsync(string id, HttpContext context, IStudyIndex index, IEncryptedObjectStore objects,
        IAuditTrail audit, IAnalysisService analyses)
    {
        if (await index.GetStudyAsync(id, context.RequestAborted) is not { } study)
        {
            return TypedResults.NotFound($"No study '{id}'.");
        }

        // Audited first: if the audit row cannot be written, nothing is deleted.
        await audit.RecordAsync(new AuditEvent(context.Actor(), "110105", AuditActions.Delete, AuditOutcomes.Success, ObjectType: "study", ObjectId: id,
            Detail: "study deleted with its series, instances, analyses and stored objects"), context.RequestAborted);
        foreach (var series in study.Series)
        {
            await analyses.DeleteForSeriesAsync(series.Id, context.RequestAborted);
        }

        foreach (var key in await index.DeleteStudyAsync(id, context.RequestAborted) ?? [])
        {
            await objects.DeleteAsync(key, context.RequestAborted);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<VaultEntry>>, NotFound<string>>> RevealAsync(string id, RevealRequest? request, HttpContext context,
        IStudyIndex index, IPseudonymVault vault)
    {
        var study = await index.GetStudyAsync(id, context.RequestAborted);
        if (study is null)
        {
            return TypedResults.NotFound($"No study '{id}'.");
        }

        return TypedResults.Ok(await vault.RevealAsync(study.Pseudonym, study.Id, context.Actor(), request?.Reason ?? "", context.RequestAborted));
    }
}
