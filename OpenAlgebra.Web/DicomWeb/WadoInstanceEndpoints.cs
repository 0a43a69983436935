using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.DicomWeb;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.DicomWeb;

/// <summary>
/// WADO-RS beyond whole instances: <c>/metadata</c> as DICOM JSON with BulkDataURIs for large binary values,
/// <c>/bulkdata/{path}</c> for those values, and <c>/frames/{n}</c> as decoded (uncompressed) frame bytes.
/// </summary>
internal static class WadoInstanceEndpoints
{
    public static void MapWadoInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var dicomweb = app.MapGroup("/dicomweb").WithTags("DICOMweb WADO-RS").RequireAuthorization(Roles.Clinician);
        dicomweb.MapGet("/studies/{study}/metadata", (string study, HttpContext c, Services s) => MetadataAsync(c, s, study, null, null));
        dicomweb.MapGet("/studies/{study}/series/{series}/metadata", (string study, string series, HttpContext c, Services s) =>
            MetadataAsync(c, s, study, series, null));
        dicomweb.MapGet("/studies/{study}/series/{series}/instances/{instance}/metadata", (string study, string series, string instance, HttpContext c,
            Services s) => MetadataAsync(c, s, study, series, instance));
        dicomweb.MapGet("/studies/{study}/series/{series}/instances/{instance}/bulkdata/{**path}", BulkDataAsync);
        dicomweb.MapGet("/studies/{study}/series/{series}/instances/{instance}/frames/{frames}", FramesAsync);
        dicomweb.MapGet("/studies/{study}/series/{series}/instances/{instance}/rendered", RenderedAsync);
    }

    /// <summary>The instance's first frame as a PNG, through its own window (or the slice's range when it has none).</summary>
    private static async Task<IResult> RenderedAsync(string study, string series, string instance, string? window, string? level, HttpContext context,
        Services services, Modules.Imaging.Volumes.IVolumeBuilder volumes, Modules.Imaging.Rendering.ISliceRenderer renderer)
    {
        var stored = (await services.Queries.RetrievableAsync(study, series, instance, context.RequestAborted)).SingleOrDefault();
        if (stored is null)
        {
            return NotFound(context);
        }

        var file = await services.ReadAsync(stored, context.RequestAborted);
        await services.AuditAsync(context, stored, 1, "rendered");
        var volume = volumes.Build([file], context.RequestAborted);
        var own = VoiWindow.FromDataset(file.Dataset, 0);
        var request = Modules.Imaging.Rendering.SliceRequest.Parse("axial", 0, window, level, own);
        return TypedResults.File(renderer.RenderPng(volume, request).Png, "image/png");
    }

    /// <summary>What every handler here needs, resolved from the request's services.</summary>
    internal sealed record Services(IDicomWebQueries Queries, IEncryptedObjectStore Objects, IDicomCodec Codec, IAuditTrail Audit)
    {
        public static ValueTask<Services?> BindAsync(HttpContext context) => ValueTask.FromResult<Services?>(new(
            context.RequestServices.GetRequiredService<IDicomWebQueries>(), context.RequestServices.GetRequiredService<IEncryptedObjectStore>(),
            context.RequestServices.GetRequiredService<IDicomCodec>(), context.RequestServices.GetRequiredService<IAuditTrail>()));

        public async Task<DicomFile> ReadAsync(StoredInstance stored, CancellationToken cancellationToken)
        {
            await using var stream = await Objects.OpenStoredAsync(stored, cancellationToken);
            return Codec.Read(stream);
        }

        public Task AuditAsync(HttpContext context, StoredInstance first, int count, string what) =>
            Audit.RecordAsync(new AuditEvent(context.Actor(), AuditEventIds.DicomInstancesAccessed, AuditActions.Read, AuditOutcomes.Success,
                ObjectType: "study", ObjectId: first.StudyId, Detail: $"WADO-RS {what} {context.Request.Path}: {count} instances"), context.RequestAborted);
    }

    private static async Task<IResult> MetadataAsync(HttpContext context, Services services, string study, string? series, string? instance)
    {
        var found = await services.Queries.RetrievableAsync(study, series, instance, context.RequestAborted);
        if (found.Count == 0)
        {
            return NotFound(context);
        }

        await services.AuditAsync(context, found[0], found.Count, "metadata");
        var root = $"{context.Request.Scheme}://{context.Request.Host}/dicomweb";
        var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, DicomJson.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var stored in found)
            {
                var file = await services.ReadAsync(stored, context.RequestAborted);
                var ds = file.Dataset;
                var url = $"{root}/studies/{ds.GetString(DicomTags.StudyInstanceUid)}/series/{ds.GetString(DicomTags.SeriesInstanceUid)}/instances/{stored.SopInstanceUid}";
                DicomJson.Write(writer, ds, new DicomJsonOptions { BulkDataUri = path => $"{url}/bulkdata/{path}" });
            }

            writer.WriteEndArray();
        }

        return TypedResults.Bytes(buffer.ToArray(), "application/dicom+json");
    }

    private static async Task<IResult> BulkDataAsync(string study, string series, string instance, string path, HttpContext context, Services services)
    {
        var stored = (await services.Queries.RetrievableAsync(study, series, instance, context.RequestAborted)).SingleOrDefault();
        if (stored is null)
        {
            return NotFound(context);
        }

        var element = Find((await services.ReadAsync(stored, context.RequestAborted)).Dataset, path);
        if (element is null)
        {
            return TypedResults.Problem($"No attribute at bulk data path '{path}' (written as gggg eeee[/item/gggg eeee]…).", statusCode: StatusCodes.Status404NotFound);
        }

        await services.AuditAsync(context, stored, 1, "bulk data");
        var bytes = element switch
        {
            DicomValueElement value => await ReadAllAsync(value.Value, context.RequestAborted),
            DicomFragments fragments => fragments.Fragments.SelectMany(f => f.Memory.ToArray()).ToArray(),
            _ => [],
        };
        return TypedResults.Bytes(bytes, "application/octet-stream");
    }

    private static async Task<IResult> FramesAsync(string study, string series, string instance, string frames, HttpContext context, Services services,
        IDicomPixelDecoder decoder)
    {
        var stored = (await services.Queries.RetrievableAsync(study, series, instance, context.RequestAborted)).SingleOrDefault();
        if (stored is null)
        {
            return NotFound(context);
        }

        var pixels = decoder.Open(await services.ReadAsync(stored, context.RequestAborted));
        var numbers = new List<int>();
        foreach (var part in frames.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > pixels.FrameCount)
            {
                return TypedResults.Problem($"Frame '{part}' is not a frame number from 1 to {pixels.FrameCount}.", statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid frame list");
            }

            numbers.Add(number);
        }

        await services.AuditAsync(context, stored, 1, "frames");
        var boundary = "openalgebra-" + Guid.NewGuid().ToString("N");
        context.Response.ContentType = $"multipart/related; type=\"application/octet-stream\"; boundary={boundary}";
        foreach (var number in numbers)
        {
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: application/octet-stream\r\n\r\n"), context.RequestAborted);
            await context.Response.Body.WriteAsync(pixels.DecodeFrame(number - 1), context.RequestAborted);
            await context.Response.Body.WriteAsync("\r\n"u8.ToArray(), context.RequestAborted);
        }

        await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), context.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>Follows a path such as "7FE00010" or "00540016/0/00181072" (tag, item index, tag …).</summary>
    private static DicomElement? Find(DicomDataset dataset, string path)
    {
        var steps = path.Split('/');
        for (var i = 0; i < steps.Length; i += 2)
        {
            var tag = TryTag(steps[i]);
            var element = tag is null ? null : dataset.Find(tag.Value);
            if (i == steps.Length - 1 || element is null)
            {
                return element;
            }

            if (element is not DicomSequence sequence || !int.TryParse(steps[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var item)
                || item >= sequence.Items.Count)
            {
                return null;
            }

            dataset = sequence.Items[item];
        }

        return null;
    }

    private static DicomTag? TryTag(string text)
    {
        try
        {
            return DicomTag.Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadAllAsync(DicomBuffer buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsInMemory)
        {
            return buffer.Memory.ToArray();
        }

        await using var stream = buffer.OpenRead();
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(HttpContext context) =>
        TypedResults.Problem($"No stored instance matches {context.Request.Path}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
