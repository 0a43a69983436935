using System.Globalization;
using Microsoft.Net.Http.Headers;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Inference;
using OpenAlgebra.Modules.Inference.Analyses;

namespace OpenAlgebra.Web.Api;

internal static class OverlayEndpoints
{
    public static void MapOverlayEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/analyses/{id}/overlay/{index:int}.png", OverlayAsync).WithTags("Analyses").RequireAuthorization(Roles.Clinician);

    /// <summary>
    /// One slice of an analysis's mask as a transparent RGBA image to lay over the same slice of its series
    /// (<c>plane</c> as for slices; <c>hide=2,3</c> leaves those labels out). Not audited one by one, like the slices it
    /// covers; downloading the mask is. A result never changes, so browsers may keep the image privately.
    /// </summary>
    private static async Task<IResult> OverlayAsync(string id, int index, string? plane, string? hide, HttpContext context, IAnalysisService analyses,
        IResultViews results, ISeriesVolumes volumes, ISliceRenderer renderer)
    {
        var hidden = ParseLabels(hide);
        var slicePlane = SliceRequest.Parse(plane, index, null, null).Plane;
        var etag = new EntityTagHeaderValue($"\"{id}-{slicePlane}-{index}-{string.Join('.', hidden)}\"");
        context.Response.Headers.CacheControl = "private, max-age=86400";
        context.Response.Headers.ETag = etag.ToString();
        if (context.Request.Headers.IfNoneMatch.ToString() == etag.ToString())
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var analysis = await analyses.GetAsync(id, context.RequestAborted);
        var mask = await results.GetMaskAsync(id, context.RequestAborted);
        var volume = await volumes.GetAsync(analysis.SeriesId, context.RequestAborted)
            ?? throw new InferenceNotFoundException($"The series '{analysis.SeriesId}' of analysis '{id}' is no longer stored.");
        var geometry = SliceGeometry.Of(volume, slicePlane);
        return TypedResults.File(renderer.RenderLabelsPng(geometry, index, mask.Labels, hidden).Png, "image/png");
    }

    /// <exception cref="ArgumentException">Names <c>hide</c> and what it accepts.</exception>
    private static SortedSet<int> ParseLabels(string? hide)
    {
        var labels = new SortedSet<int>();
        foreach (var part in (hide ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            labels.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var label) && label is >= 1 and <= 255
                ? label
                : throw new ArgumentException($"hide lists labels 1 to 255 separated by commas; '{part}' is not one.", nameof(hide)));
        }

        return labels;
    }
}
