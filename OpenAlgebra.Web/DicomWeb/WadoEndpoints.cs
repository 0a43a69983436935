using System.Text;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.DicomWeb;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.DicomWeb;

/// <summary>WADO-RS (PS3.18 10.4): studies, series and instances as multipart/related; type="application/dicom".</summary>
internal static class WadoEndpoints
{
    public static void MapWadoEndpoints(this IEndpointRouteBuilder app)
    {
        var dicomweb = app.MapGroup("/dicomweb").WithTags("DICOMweb WADO-RS").RequireAuthorization(Roles.Clinician);
        dicomweb.MapGet("/studies/{study}", (string study, HttpContext c, IDicomWebQueries q, IEncryptedObjectStore o, IAuditTrail a) =>
            RetrieveAsync(c, q, o, a, study, null, null));
        dicomweb.MapGet("/studies/{study}/series/{series}", (string study, string series, HttpContext c, IDicomWebQueries q, IEncryptedObjectStore o,
            IAuditTrail a) => RetrieveAsync(c, q, o, a, study, series, null));
        dicomweb.MapGet("/studies/{study}/series/{series}/instances/{instance}", (string study, string series, string instance, HttpContext c,
            IDicomWebQueries q, IEncryptedObjectStore o, IAuditTrail a) => RetrieveAsync(c, q, o, a, study, series, instance));
    }

    /// <summary>
    /// Every instance is decrypted and integrity-checked as it is copied out; the read is audited (110103) before the
    /// first byte is sent, once per request.
    /// </summary>
    private static async Task<IResult> RetrieveAsync(HttpContext context, IDicomWebQueries queries, IEncryptedObjectStore objects, IAuditTrail audit,
        string study, string? series, string? instance)
    {
        var found = await queries.RetrievableAsync(study, series, instance, context.RequestAborted);
        if (found.Count == 0)
        {
            return TypedResults.Problem($"No stored instance matches {context.Request.Path}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        await audit.RecordAsync(new AuditEvent(context.Actor(), AuditEventIds.DicomInstancesAccessed, AuditActions.Read, AuditOutcomes.Success,
            ObjectType: "study", ObjectId: found[0].StudyId, Detail: $"WADO-RS {context.Request.Path}: {found.Count} instances"), context.RequestAborted);
        var boundary = "openalgebra-" + Guid.NewGuid().ToString("N");
        context.Response.ContentType = $"multipart/related; type=\"application/dicom\"; boundary={boundary}";
        var body = context.Response.Body;
        foreach (var stored in found)
        {
            await using var plaintext = await objects.OpenStoredAsync(stored, context.RequestAborted);
            await body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n"), context.RequestAborted);
            await plaintext.CopyToAsync(body, context.RequestAborted);
            await body.WriteAsync("\r\n"u8.ToArray(), context.RequestAborted);
        }

        await body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), context.RequestAborted);
        return TypedResults.Empty;
    }
}
