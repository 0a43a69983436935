using Microsoft.AspNetCore.Http.HttpResults;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Loading;
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
