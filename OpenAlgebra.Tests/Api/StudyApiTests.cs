using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class StudyApiTests : AppTest
{
    [Fact]
    public async Task The_study_list_and_a_study_come_back_pseudonymous_and_each_request_is_audited_once()
    {
        var studyId = await IngestAsync("CT_small.dcm");
        var clinician = await App.ClinicianAsync();
        var queriesBefore = await CountAuditAsync(AuditEventIds.Query);

        var page = await clinician.GetFromJsonAsync<JsonElement>("/api/studies?modality=CT&pageSize=10", Ct);
        var study = await clinician.GetFromJsonAsync<JsonElement>($"/api/studies/{studyId}", Ct);

        Assert.Equal(1, page.GetProperty("total").GetInt64());
        Assert.Equal(studyId, page.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.StartsWith("OA-", study.GetProperty("pseudonym").GetString(), StringComparison.Ordinal);
        Assert.Equal("CT", study.GetProperty("series")[0].GetProperty("modality").GetString());
        Assert.Equal(queriesBefore + 1, await CountAuditAsync(AuditEventIds.Query));
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/api/studies/nope", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clinician.GetAsync("/api/studies?from=yesterday", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_series_reports_its_geometry()
    {
        var studyId = await IngestAsync("CT_small.dcm");
        var clinician = await App.ClinicianAsync();
        var study = await clinician.GetFromJsonAsync<JsonElement>($"/api/studies/{studyId}", Ct);
        var seriesId = study.GetProperty("series")[0].GetProperty("id").GetString();

        var series = await clinician.GetFromJsonAsync<JsonElement>($"/api/series/{seriesId}", Ct);

        var geometry = series.GetProperty("geometry");
        Assert.Equal([128, 128, 1], geometry.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0.661468, geometry.GetProperty("spacing")[0].GetDouble(), 5);
        Assert.Equal(12, geometry.GetProperty("ijkToLps").GetArrayLength());
    }

    [Fact]
    public async Task Slices_render_as_PNG_with_their_pixel_size_and_are_cacheable()
    {
        var studyId = await IngestAsync("CT_small.dcm");
        var clinician = await App.ClinicianAsync();
        var study = await clinician.GetFromJsonAsync<JsonElement>($"/api/studies/{studyId}", Ct);
        var url = $"/api/series/{study.GetProperty("series")[0].GetProperty("id").GetString()}/slices/0.png";

        var axial = await clinician.GetAsync(url + "?plane=axial&window=soft-tissue", Ct);
        var bytes = await axial.Content.ReadAsByteArrayAsync(Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, url + "?plane=axial&window=soft-tissue");
        again.Headers.TryAddWithoutValidation("If-None-Match", axial.Headers.ETag!.ToString());
        var notModified = await clinician.SendAsync(again, Ct);
        var badIndex = await clinician.GetAsync(url.Replace("/0.png", "/5.png", StringComparison.Ordinal), Ct);
        var badWindow = await clinician.GetAsync(url + "?window=sunset", Ct);

        Assert.Equal(HttpStatusCode.OK, axial.StatusCode);
        Assert.Equal("image/png", axial.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal("1", axial.Headers.GetValues("X-Slice-Count").Single());
        Assert.Equal(0.661468, double.Parse(axial.Headers.GetValues("X-Pixel-Width-Mm").Single(), System.Globalization.CultureInfo.InvariantCulture), 5);
        Assert.Contains("private", axial.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badIndex.StatusCode);
        Assert.Contains("slices 0 to 0", await badIndex.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_deletes_a_study_and_its_objects_go_with_it()
    {
        var studyId = await IngestAsync("MR_small.dcm");
        var clinician = await App.ClinicianAsync();
        var admin = await App.AdminAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.DeleteAsync($"/api/studies/{studyId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/studies/no-such-study", Ct)).StatusCode);
        Assert.Equal(0, await CountAuditAsync("110105"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/studies/{studyId}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/studies/{studyId}", Ct)).StatusCode);
        var left = 0;
        await foreach (var _ in App.Services.GetRequiredService<IBlobStore>().ListAsync("instances/", Ct))
        {
            left++;
        }

        Assert.Equal(0, left);
        Assert.Equal(1, await CountAuditAsync("110105"));
    }

    [Fact]
    public async Task Revealing_an_identity_needs_a_reason_and_is_audited()
    {
        var studyId = await IngestAsync("CT_small.dcm");
        var clinician = await App.ClinicianAsync();

        var refused = await clinician.PostAsJsonAsync($"/api/studies/{studyId}/reveal", new { reason = "" }, Ct);
        var revealed = await clinician.PostAsJsonAsync($"/api/studies/{studyId}/reveal", new { reason = "urgent callback from the ward" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var entries = await revealed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(string.IsNullOrEmpty(entries[0].GetProperty("identity").GetProperty("patientId").GetString()));
        Assert.Equal(1, await CountAuditAsync(AuditEventIds.PatientRecord));
    }

    [Fact]
    public async Task A_flipped_byte_in_storage_is_refused_and_alerted_never_served()
    {
        var studyId = await IngestAsync("CT_small.dcm");
        var index = App.Services.GetRequiredService<IStudyIndex>();
        var study = (await index.GetStudyAsync(studyId, Ct))!;
        var instance = (await index.GetInstancesAsync(study.Series[0].Id, Ct)).Single();
        var blobs = App.Services.GetRequiredService<IBlobStore>();
        var raw = new MemoryStream();
        await using (var stream = (await blobs.OpenReadAsync(instance.ObjectKey, Ct))!)
        {
            await stream.CopyToAsync(raw, Ct);
        }

        var bytes = raw.ToArray();
        bytes[bytes.Length / 2] ^= 0x40;
        await blobs.PutAsync(instance.ObjectKey, new MemoryStream(bytes), Ct);

        var response = await (await App.ClinicianAsync()).GetAsync($"/api/series/{study.Series[0].Id}", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("integrity", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var alerts = await Database.Get<IAuditTrail>().QueryAsync(new AuditQuery(EventId: AuditEventIds.SecurityAlert), AuditActor.System, Ct);
        Assert.Contains(alerts.Items, r => r.ObjectId == instance.ObjectKey);
    }

    private async Task<string> IngestAsync(string sample)
    {
        var result = await App.Services.GetRequiredService<IStudyIngest>().IngestAsync(
            [new IngestSource(sample, DicomSamples.File(sample))], new IngestRequest(AuditActor.System), Ct);
        return Assert.Single(result.Studies).Id;
    }

    private async Task<long> CountAuditAsync(string eventId) =>
        await Database.ScalarAsync<long>("SELECT COUNT(*) FROM audit_events WHERE event_id = @eventId", new { eventId });
}
