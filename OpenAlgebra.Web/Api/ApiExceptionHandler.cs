using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Web.Api;

/// <summary>Turns exceptions into problem details that say what was wrong, without a stack trace.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            AccountValidationException e => (StatusCodes.Status400BadRequest, "Invalid account data", e.Message),
            ArgumentException e => (StatusCodes.Status400BadRequest, "Invalid request", e.Message),
            BadHttpRequestException e => (e.StatusCode, "Invalid request", e.Message),
            AuditWriteException e => (StatusCodes.Status503ServiceUnavailable, "Audit trail unavailable", e.Message),
            Modules.Imaging.Ingest.UploadTooLargeException e => (StatusCodes.Status413PayloadTooLarge, "Upload too large", e.Message),
            Modules.Imaging.Ingest.UploadFormatException e => (StatusCodes.Status400BadRequest, "Malformed upload", e.Message),
            Modules.Platform.Encryption.IntegrityException e => (StatusCodes.Status500InternalServerError, "Stored data failed its integrity check",
                $"{e.Message} The object is not served; the event is in the audit trail."),
            Modules.Imaging.Dicom.Pixels.UnsupportedTransferSyntaxException e => (StatusCodes.Status406NotAcceptable, "Pixels not decodable here", e.Message),
            Modules.Imaging.Volumes.VolumeBuildException e => (StatusCodes.Status422UnprocessableEntity, "Series does not form a volume", e.Message),
            Modules.Inference.InferenceRequestException e => (StatusCodes.Status400BadRequest, $"Invalid {e.Field}", e.Message),
            Modules.Inference.InferenceNotFoundException e => (StatusCodes.Status404NotFound, "Not found", e.Message),
            Modules.Inference.InferenceConflictException e => (StatusCodes.Status409Conflict, "Not possible now", e.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", $"The server could not complete the request; quote trace id {httpContext.TraceIdentifier} to support."),
        };
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (exception is Modules.Inference.InferenceRequestException invalid)
        {
            // The validation-problem shape clients know: the field at fault, with its message.
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
