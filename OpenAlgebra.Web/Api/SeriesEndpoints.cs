using Microsoft.AspNetCore.Http.HttpResults;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Rendering;
using Microsoft.Net.Http.Headers;
using System.Globalization;
using OpenAlgebra.Web.Auth;

namespace OpenAlgebra.Web.Api;

internal static class SeriesEndpoints
{
    /// <summary>Where the series sits in the patient: voxel (i column, j row, k slice) → LPS and → RAS, in mm.</summary>
    public sealed record Geometry(int[] Size, double[] Spacing, double[] IjkToLps, double[] IjkToRas, IReadOnlyList<string> Warnings);

    public sealed record SeriesDetail(SeriesSummary Series, Geometry Geometry);

    public static void MapSeriesEndpoints(this IEndpointRouteBuilder app)
    {
        var series = app.MapGroup("/api/series").WithTags("Series").RequireAuthorization(Roles.Clinician);
        series.MapGet("/{id}", GetAsync);
        series.MapGet("/{id}/slices/{index:int}.png", SliceAsync);
        series.MapGet("/{id}/thumbnail.png", ThumbnailAsync);
    }

    /// <summary>
    /// One rendered slice. Slices are not audited one by one (a viewer fetches hundreds while scrolling): opening the
    /// series is. A stored series never changes, so a slice's URL names its bytes and browsers may keep them privately.
    /// </summary>
    private static async Task<IResult> SliceAsync(string id, int index, string? plane, string? window, string? level, HttpContext context,
        ISeriesVolumes volumes, ISliceRenderer renderer)
    {
        var volume = await volumes.GetAsync(id, context.RequestAborted);
        if (volume is null)
        {
            return TypedResults.NotFound($"No series '{id}'.");
        }

        var request = SliceRequest.Parse(plane, index, window, level, volume.SourceWindow);
        var etag = new EntityTagHeaderValue($"\"{id}-{request.Plane}-{index}-{window}-{level}\"".Replace(' ', '_'));
        context.Response.Headers.CacheControl = "private, max-age=86400";
        context.Response.Headers.ETag = etag.ToString();
        if (context.Request.Headers.IfNoneMatch.ToString() == etag.ToString())
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var png = renderer.RenderPng(volume, request);
        var headers = context.Response.Headers;
        headers["X-Slice-Count"] = renderer.SliceCount(volume, request.Plane).ToString(CultureInfo.InvariantCulture);
        headers["X-Pixel-Width-Mm"] = png.Layout.PixelWidthMm.ToString("R", CultureInfo.InvariantCulture);
        headers["X-Pixel-Height-Mm"] = png.Layout.PixelHeightMm.ToString("R", CultureInfo.InvariantCulture);
        headers["X-Window-Center"] = png.Layout.Window.Center.ToString("R", CultureInfo.InvariantCulture);
        headers["X-Window-Width"] = png.Layout.Window.Width.ToString("R", CultureInfo.InvariantCulture);
        return TypedResults.File(png.Png, "image/png");
    }

    /// <summary>The middle axial slice under the automatic window, for a series list; not audited, like slices.</summary>
    private static async Task<IResult> ThumbnailAsync(string id, HttpContext context, ISeriesVolumes volumes, ISliceRenderer renderer)
    {
        var volume = await volumes.GetAsync(id, context.RequestAborted);
        if (volume is null)
        {
            return TypedResults.NotFound($"No series '{id}'.");
        }

        context.Response.Headers.CacheControl = "private, max-age=86400";
        var middle = renderer.SliceCount(volume, SlicePlane.Axial) / 2;
        return TypedResults.File(renderer.RenderPng(volume, new SliceRequest(SlicePlane.Axial, middle, SliceWindow.Auto(volume.SourceWindow))).Png, "image/png");
    }

    private static async Task<Results<Ok<SeriesDetail>, NotFound<string>>> GetAsync(string id, HttpContext context, IStudyIndex index, ISeriesVolumes volumes,
        IAuditTrail audit)
    {
        var summary = await index.GetSeriesAsync(id, context.RequestAborted);
        var volume = summary is null ? null : await volumes.GetAsync(id, context.RequestAborted);
        if (summary is null || volume is null)
        {
            return TypedResults.NotFound($"No series '{id}'.");
        }

        await audit.RecordAsync(new AuditEvent(context.Actor(), AuditEventIds.DicomInstancesAccessed, AuditActions.Read, AuditOutcomes.Success,
            ObjectType: "series", ObjectId: id, Detail: "series metadata and geometry"), context.RequestAborted);
        var (i, j, k) = volume.Spacing;
        return TypedResults.Ok(new SeriesDetail(summary, new Geometry(
            [volume.SizeX, volume.SizeY, volume.SizeZ], [i, j, k], volume.IjkToLps.ToRowMajor3x4(), volume.IjkToRas.ToRowMajor3x4(), volume.Warnings)));
    }
}
