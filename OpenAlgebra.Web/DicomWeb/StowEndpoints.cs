using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Imaging.DicomWeb;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.DicomWeb;

/// <summary>
/// STOW-RS (PS3.18 10.5): <c>POST /dicomweb/studies[/{study}]</c> with multipart/related; type="application/dicom",
/// through the same pipeline as uploads. The response names each instance by its de-identified UIDs, which are the
/// only ones this server keeps; a refused instance is listed with the reason code, and its UIDs where they are known.
/// With a study in the path, instances of other studies are refused (A901) and the rest stored.
/// </summary>
internal static class StowEndpoints
{
    public static void MapStowEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dicomweb/studies", StoreAsync).WithTags("DICOMweb STOW-RS").RequireAuthorization(Roles.Clinician);
        app.MapPost("/dicomweb/studies/{study}", StoreInStudyAsync).WithTags("DICOMweb STOW-RS").RequireAuthorization(Roles.Clinician);
    }

    private static Task<IResult> StoreAsync(HttpContext context, IUploadSpooler spooler, IStudyIngest ingest, IOptions<UploadOptions> options) =>
        StoreIntoAsync(context, spooler, ingest, options, null);

    private static Task<IResult> StoreInStudyAsync(string study, HttpContext context, IUploadSpooler spooler, IStudyIngest ingest,
        IOptions<UploadOptions> options) => StoreIntoAsync(context, spooler, ingest, options, study);

    /// <param name="study">The study every instance must belong to, or null for any.</param>
    private static async Task<IResult> StoreIntoAsync(HttpContext context, IUploadSpooler spooler, IStudyIngest ingest, IOptions<UploadOptions> options,
        string? study)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxRequestBytes;
        }

        using var upload = await spooler.SpoolAsync(context.Request.Body, context.Request.ContentType, context.RequestAborted);
        var sources = new List<IngestSource>();
        var held = new List<UploadedFile>();
        var refused = 0;
        try
        {
            await foreach (var item in upload.ReadFilesAsync(context.RequestAborted))
            {
                if (item is UploadedFile { Kind: UploadFileKind.Dicom } file)
                {
                    held.Add(file);
                    sources.Add(new IngestSource(file.Name, file.Path));
                }
                else
                {
                    (item as IDisposable)?.Dispose();
                    refused++;
                }
            }

            var result = await ingest.IngestAsync(sources, new IngestRequest(context.Actor(), StudyInstanceUid: study), context.RequestAborted);
            var root = $"{context.Request.Scheme}://{context.Request.Host}/dicomweb";
            var response = new StowResponseBuilder(result.Instances.Count > 0 ? $"{root}/studies/{result.Instances[0].StudyInstanceUid}" : null);
            foreach (var stored in result.Instances)
            {
                response.Stored(stored.SopClassUid ?? "", stored.SopInstanceUid,
                    $"{root}/studies/{stored.StudyInstanceUid}/series/{stored.SeriesInstanceUid}/instances/{stored.SopInstanceUid}",
                    StowWarningReason.CoercionOfDataElements);
            }

            foreach (var rejection in result.Rejected)
            {
                response.Failed(rejection.SopClassUid, rejection.SopInstanceUid, rejection.Cause switch
                {
                    IngestRejectionCause.OtherStudy => StowFailureReason.StudyInstanceUidDoesNotMatch,
                    IngestRejectionCause.Unreadable => StowFailureReason.CannotUnderstand,
                    _ => StowFailureReason.ProcessingFailure,
                });
            }

            for (var i = 0; i < refused; i++)
            {
                response.Failed(null, null, StowFailureReason.CannotUnderstand);
            }

            var buffer = new MemoryStream();
            await using (var writer = new Utf8JsonWriter(buffer, DicomJson.WriterOptions))
            {
                DicomJson.Write(writer, response.Build());
            }

            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = "application/dicom+json";
            await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
            return TypedResults.Empty;
        }
        finally
        {
            foreach (var file in held)
            {
                file.Dispose();
            }
        }
    }
}
