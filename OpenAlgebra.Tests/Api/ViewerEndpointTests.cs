using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Tests.Imaging.Rendering;
using OpenAlgebra.Tests.Inference;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

/// <summary>What the study page's images come from: mask overlays, series thumbnails, the file's own window, metrics as CSV.</summary>
public sealed class ViewerEndpointTests : AnalysisAppTest
{
    [Fact]
    public async Task The_overlay_of_a_slice_shows_each_label_where_the_slice_shows_its_voxel()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-seeds");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-seeds", seeds = new Dictionary<string, int[][]> { ["1"] = [[4, 3, 3]], ["2"] = [[9, 3, 6], [0, 0, 0]] } });
        await WaitForAsync(clinician, id, "Succeeded");
        var volume = (await App.Services.GetRequiredService<ISeriesVolumes>().GetAsync(seriesId, Ct))!;
        var geometry = SliceGeometry.Of(volume, SlicePlane.Coronal);
        var (index, x, y) = geometry.ToPixel(4, 3, 3);

        var response = await clinician.GetAsync($"/api/analyses/{id}/overlay/{index}.png?plane=coronal", Ct);
        var hidden = await clinician.GetAsync($"/api/analyses/{id}/overlay/{index}.png?plane=coronal&hide=1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((true, TimeSpan.FromDays(1)), (response.Headers.CacheControl!.Private, response.Headers.CacheControl.MaxAge));
        var decoded = await Pillow.DecodeAsync(await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        Assert.Equal(("RGBA", geometry.Width, geometry.Height), (decoded.Mode, decoded.Width, decoded.Height));
        var opaque = Enumerable.Range(0, decoded.Width * decoded.Height).Where(n => decoded.Pixels[(4 * n) + 3] != 0).ToList();
        // On the coronal slice of j = 3: the label-1 seed and the label-2 seed at (9, 3, 6).
        Assert.Equal(2, opaque.Count);
        Assert.Contains((y * decoded.Width) + x, opaque);
        Assert.Equal([255, 0, 0, 255], decoded.Pixels.AsSpan(4 * ((y * decoded.Width) + x), 4).ToArray());
        var withoutLabel1 = await Pillow.DecodeAsync(await hidden.Content.ReadAsByteArrayAsync(Ct), Ct);
        Assert.Equal(0, withoutLabel1.Pixels[(4 * ((y * decoded.Width) + x)) + 3]);
        Assert.Single(Enumerable.Range(0, decoded.Width * decoded.Height), n => withoutLabel1.Pixels[(4 * n) + 3] != 0);
    }

    [Fact]
    public async Task An_unchanged_overlay_is_not_sent_again_and_bad_requests_name_what_was_wrong()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-seeds");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-seeds", seeds = new Dictionary<string, int[][]> { ["1"] = [[4, 3, 3]], ["2"] = [[0, 0, 0]] } });
        await WaitForAsync(clinician, id, "Succeeded");
        var first = await clinician.GetAsync($"/api/analyses/{id}/overlay/3.png", Ct);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/analyses/{id}/overlay/3.png");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await clinician.SendAsync(again, Ct)).StatusCode);
        await AssertProblemAsync(await clinician.GetAsync($"/api/analyses/{id}/overlay/3.png?hide=0", Ct), HttpStatusCode.BadRequest, "'0' is not one");
        await AssertProblemAsync(await clinician.GetAsync($"/api/analyses/{id}/overlay/3.png?plane=oblique", Ct), HttpStatusCode.BadRequest, "Unknown plane 'oblique'");
        await AssertProblemAsync(await clinician.GetAsync($"/api/analyses/{id}/overlay/99.png", Ct), HttpStatusCode.BadRequest, "slices 0 to 7");
        await AssertProblemAsync(await clinician.GetAsync("/api/analyses/nope/overlay/3.png", Ct), HttpStatusCode.NotFound, "No analysis 'nope'");
        var admin = await App.AdminAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/analyses/{id}/overlay/3.png", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_running_analysis_has_no_overlay_yet()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-wait");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await Waiting.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await AssertProblemAsync(await clinician.GetAsync($"/api/analyses/{id}/overlay/3.png", Ct), HttpStatusCode.Conflict, "is Running");
    }

    [Fact]
    public async Task The_thumbnail_is_the_middle_axial_slice_under_the_automatic_window()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        var clinician = await App.ClinicianAsync();

        var thumbnail = await clinician.GetAsync($"/api/series/{seriesId}/thumbnail.png", Ct);
        var middle = await clinician.GetAsync($"/api/series/{seriesId}/slices/{TestPhantom.SizeZ / 2}.png?window=auto", Ct);

        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal((true, TimeSpan.FromDays(1)), (thumbnail.Headers.CacheControl!.Private, thumbnail.Headers.CacheControl.MaxAge));
        Assert.Equal(await middle.Content.ReadAsByteArrayAsync(Ct), await thumbnail.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/api/series/nope/thumbnail.png", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_automatic_window_is_the_one_the_files_give()
    {
        // nibabel's DICOM pair carries Window Center 468 and Width 1016.
        List<IngestSource> sources = [new("0.dcm", Path.Combine(Services.NibabelFiles, "0.dcm")), new("1.dcm", Path.Combine(Services.NibabelFiles, "1.dcm"))];
        var result = await App.Services.GetRequiredService<IStudyIngest>().IngestAsync(sources, new IngestRequest(AuditActor.System, null), Ct);
        var seriesId = Assert.Single(Assert.Single(result.Studies).Series).Id;
        var clinician = await App.ClinicianAsync();

        var auto = await clinician.GetAsync($"/api/series/{seriesId}/slices/0.png", Ct);
        var brain = await clinician.GetAsync($"/api/series/{seriesId}/slices/0.png?window=brain", Ct);

        Assert.Equal(("468", "1016"), (Header(auto, "X-Window-Center"), Header(auto, "X-Window-Width")));
        Assert.Equal(("40", "80"), (Header(brain, "X-Window-Center"), Header(brain, "X-Window-Width")));
    }

    [Fact]
    public async Task Metrics_download_as_csv_and_the_download_is_audited_as_an_export()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        await WaitForAsync(clinician, id, "Succeeded");

        var csv = await clinician.GetAsync($"/api/analyses/{id}/result/metrics.csv", Ct);
        var unknown = await clinician.GetAsync($"/api/analyses/{id}/result/metrics.xlsx", Ct);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{id}-metrics.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n");
        Assert.Equal("analysis_id,engine,version,label,metric,value", lines[0]);
        Assert.Contains($"{id},test-threshold,1.0.0,,voxels,100", lines);
        Assert.Equal(1, await Database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_events WHERE event_id = @eventId AND object_id = @id AND detail = 'exported metrics.csv'", new { eventId = AuditEventIds.Export, id }));
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "metrics.json, probabilities.nii.gz, metrics.csv");
    }

    private static string Header(HttpResponseMessage response, string name) => Assert.Single(response.Headers.GetValues(name));

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
