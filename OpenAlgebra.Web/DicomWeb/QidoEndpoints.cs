using System.Text.Json;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.DicomWeb;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.DicomWeb;

/// <summary>
/// QIDO-RS (PS3.18 10.6): searches for studies, series and instances, answered as application/dicom+json with each
/// level's default attributes and those asked for by includefield (by keyword or tag; <c>all</c> for all the index holds).
/// </summary>
internal static class QidoEndpoints
{
    private static readonly DicomTag RetrieveUrl = new(0x0008, 0x1190);

    public static void MapQidoEndpoints(this IEndpointRouteBuilder app)
    {
        var dicomweb = app.MapGroup("/dicomweb").WithTags("DICOMweb QIDO-RS").RequireAuthorization(Roles.Clinician);
        dicomweb.MapGet("/studies", (HttpContext c, IDicomWebQueries q, IAuditTrail a) =>
            SearchAsync(c, a, QidoLevel.Study, null, query => q.StudiesAsync(query, c.RequestAborted)));
        dicomweb.MapGet("/series", (HttpContext c, IDicomWebQueries q, IAuditTrail a) =>
            SearchAsync(c, a, QidoLevel.Series, null, query => q.SeriesAsync(query, null, c.RequestAborted)));
        dicomweb.MapGet("/instances", (HttpContext c, IDicomWebQueries q, IAuditTrail a) =>
            SearchAsync(c, a, QidoLevel.Instance, null, query => q.InstancesAsync(query, null, null, c.RequestAborted)));
        dicomweb.MapGet("/studies/{study}/series", (string study, HttpContext c, IDicomWebQueries q, IAuditTrail a) =>
            SearchAsync(c, a, QidoLevel.Series, QidoLevel.Study, query => q.SeriesAsync(query, study, c.RequestAborted)));
        dicomweb.MapGet("/studies/{study}/instances", (string study, HttpContext c, IDicomWebQueries q, IAuditTrail a) =>
            SearchAsync(c, a, QidoLevel.Instance, QidoLevel.Study, query => q.InstancesAsync(query, study, null, c.RequestAborted)));
        dicomweb.MapGet("/studies/{study}/series/{series}/instances", (string study, string series, HttpContext c, IDicomWebQueries q, IAuditTrail a) =>
            SearchAsync(c, a, QidoLevel.Instance, QidoLevel.Series, query => q.InstancesAsync(query, study, series, c.RequestAborted)));
    }

    private static async Task<IResult> SearchAsync(HttpContext context, IAuditTrail audit, QidoLevel level, QidoLevel? within,
        Func<QidoQuery, Task<QidoResult>> search)
    {
        QidoQuery query;
        try
        {
            query = QidoQueryParser.Parse(context.Request.Query, level, within);
        }
        catch (QidoQueryException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid QIDO-RS parameter '{e.Parameter}'");
        }

        var result = await search(query);
        await audit.RecordAsync(new AuditEvent(context.Actor(), AuditEventIds.Query, AuditActions.Execute, AuditOutcomes.Success, ObjectType: "dicomweb",
            Detail: $"QIDO-RS {context.Request.Path}{context.Request.QueryString}: {result.Matches.Count} matches"), context.RequestAborted);
        var root = $"{context.Request.Scheme}://{context.Request.Host}/dicomweb";
        var projection = new QidoProjection(query, level, within);
        foreach (var match in result.Matches)
        {
            match.SetString(RetrieveUrl, DicomVR.UR, RetrieveUrlOf(root, match));
            projection.Apply(match);
        }

        foreach (var warning in result.Warnings)
        {
            context.Response.Headers.Append("Warning", $"299 openalgebra: \"{warning.Replace('"', '\'')}\"");
        }

        var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, DicomJson.WriterOptions))
        {
            DicomJson.WriteArray(writer, result.Matches);
        }

        return TypedResults.Bytes(buffer.ToArray(), "application/dicom+json");
    }

    private static string RetrieveUrlOf(string root, DicomDataset match)
    {
        var url = $"{root}/studies/{match.GetString(DicomTags.StudyInstanceUid)}";
        if (match.GetString(DicomTags.SeriesInstanceUid) is { Length: > 0 } series)
        {
            url += $"/series/{series}";
            if (match.GetString(DicomTags.SopInstanceUid) is { Length: > 0 } instance)
            {
                url += $"/instances/{instance}";
            }
        }

        return url;
    }
}
