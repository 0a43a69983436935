using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

internal static class UploadEndpoints
{
    /// <summary>The reason given for a file whose first bytes are neither DICOM nor NIfTI, here and on the upload page.</summary>
    public const string NotImagingReason = "not a DICOM or NIfTI file";

    public sealed record UploadResponse(IReadOnlyList<IngestedStudy> Studies, IReadOnlyList<UploadRejection> Rejected);

    public sealed record UploadRejection(string File, string Reason);

    public static void MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/studies", UploadAsync).WithTags("Studies").RequireAuthorization(Roles.Clinician);
    }

    /// <summary>
    /// <c>POST /api/studies</c>: multipart with .dcm files, zips of DICOM, .nii/.nii.gz, and the form fields
    /// <c>modality</c> and <c>patientLabel</c>. 201 with the studies created or matched and a reason for every file that
    /// was not stored; 422 when nothing could be stored.
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext context, IUploadSpooler spooler, IStudyIngest ingest, IOptions<UploadOptions> options)
    {
        // Kestrel's own 30 MB default would answer first, with a message that names nothing of ours.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxRequestBytes;
        }

        using var upload = await spooler.SpoolAsync(context.Request.Body, context.Request.ContentType, context.RequestAborted);
        var sources = new List<IngestSource>();
        var rejected = new List<UploadRejection>();
        var held = new List<UploadedFile>();
        try
        {
            await foreach (var item in upload.ReadFilesAsync(context.RequestAborted))
            {
                switch (item)
                {
                    case RejectedFile refused:
                        rejected.Add(new UploadRejection(refused.Name, refused.Reason));
                        break;
                    case UploadedFile { Kind: UploadFileKind.Other } other:
                        rejected.Add(new UploadRejection(other.Name, NotImagingReason));
                        other.Dispose();
                        break;
                    case UploadedFile file:
                        held.Add(file);
                        sources.Add(new IngestSource(file.Name, file.Path, file.Kind == UploadFileKind.Nifti));
                        break;
                }
            }

            var result = await ingest.IngestAsync(sources, new IngestRequest(context.Actor(), upload.Modality, upload.PatientLabel), context.RequestAborted);
            rejected.AddRange(result.Rejected.Select(r => new UploadRejection(r.File, r.Reason)));
            var response = new UploadResponse(result.Studies, rejected);
            return result.Studies.Count > 0
                ? TypedResults.Created(result.Studies.Count == 1 ? $"/api/studies/{result.Studies[0].Id}" : "/api/studies", response)
                : TypedResults.UnprocessableEntity(response);
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
