using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Tests.Inference;

public sealed class AnalysisApiTests : AnalysisAppTest
{
    [Fact]
    public async Task An_analysis_is_accepted_runs_and_its_mask_keeps_the_series_geometry()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var clinician = await App.ClinicianAsync();

        var response = await clinician.PostAsJsonAsync("/api/analyses", new { seriesId, engine = "test-threshold", parameters = new { label = 7 } }, Ct);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = accepted.GetProperty("id").GetString()!;
        var done = await WaitForAsync(clinician, id, "Succeeded");
        var mask = await clinician.GetAsync($"/api/analyses/{id}/result/mask.nii.gz", Ct);
        var metrics = await clinician.GetFromJsonAsync<JsonElement>($"/api/analyses/{id}/result/metrics.json", Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/analyses/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Queued", accepted.GetProperty("state").GetString());
        Assert.Equal("1.0.0", accepted.GetProperty("version").GetString());
        Assert.Equal(7, accepted.GetProperty("parameters").GetProperty("label").GetInt32());
        Assert.Equal(100, accepted.GetProperty("parameters").GetProperty("threshold").GetDouble());
        Assert.Equal("default", accepted.GetProperty("queue").GetString());
        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        Assert.Equal(["mask.nii.gz", "seg.dcm", "metrics.json"], done.GetProperty("results").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("application/gzip", mask.Content.Headers.ContentType?.MediaType);
        var labels = App.Services.GetRequiredService<INiftiCodec>().Read(await mask.Content.ReadAsStreamAsync(Ct));
        var source = (await App.Services.GetRequiredService<ISeriesVolumes>().GetAsync(seriesId, Ct))!;
        Assert.True(labels.IjkToLps.ApproximatelyEquals(source.IjkToLps, 1e-5), $"{labels.IjkToLps} vs {source.IjkToLps}");
        Assert.Equal((source.SizeX, source.SizeY, source.SizeZ), (labels.SizeX, labels.SizeY, labels.SizeZ));
        Assert.Equal(7, labels[4, 3, 3]);
        Assert.Equal(0, labels[0, 0, 0]);
        Assert.Equal(5 * 5 * 4, metrics.GetProperty("metrics").GetProperty("voxels").GetInt32());
        Assert.Equal("test-threshold", metrics.GetProperty("engine").GetString());
        Assert.Equal(2, await CountAuditAsync(AuditEventIds.Export, id));
    }

    [Fact]
    public async Task Analyses_are_listed_by_series_and_state()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        await WaitForAsync(clinician, id, "Succeeded");

        var bySeries = await clinician.GetFromJsonAsync<JsonElement>($"/api/analyses?seriesId={seriesId}", Ct);
        var succeeded = await clinician.GetFromJsonAsync<JsonElement>("/api/analyses?state=succeeded", Ct);
        var failed = await clinician.GetFromJsonAsync<JsonElement>("/api/analyses?state=Failed", Ct);
        var other = await clinician.GetFromJsonAsync<JsonElement>("/api/analyses?seriesId=another", Ct);
        var unknown = await clinician.GetAsync("/api/analyses?state=Sleeping", Ct);

        Assert.Equal(id, Assert.Single(bySeries.EnumerateArray()).GetProperty("id").GetString());
        Assert.Single(succeeded.EnumerateArray());
        Assert.Empty(failed.EnumerateArray());
        Assert.Empty(other.EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Sleeping", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeds_reach_the_engine_and_the_mask_carries_their_labels()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-seeds");
        var clinician = await App.ClinicianAsync();

        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-seeds", seeds = new Dictionary<string, int[][]> { ["3"] = [[4, 3, 3]], ["12"] = [[0, 0, 0], [11, 9, 7]] } });
        var done = await WaitForAsync(clinician, id, "Succeeded");
        var mask = await clinician.GetAsync($"/api/analyses/{id}/result/mask.nii.gz", Ct);
        var labels = App.Services.GetRequiredService<INiftiCodec>().Read(await mask.Content.ReadAsStreamAsync(Ct));

        Assert.Equal(3, labels[4, 3, 3]);
        Assert.Equal(12, labels[0, 0, 0]);
        Assert.Equal(12, labels[11, 9, 7]);
        Assert.Equal(3, labels.Voxels.Count(v => v != 0));
        Assert.Equal("[[0,0,0],[11,9,7]]", done.GetProperty("seeds").GetProperty("12").GetRawText());
    }

    [Theory]
    [InlineData("""{"engine":"no-such-engine"}""", "engine", "Unknown engine 'no-such-engine'")]
    [InlineData("""{"engine":"test-threshold","seriesId":"missing"}""", "seriesId", "No series 'missing'")]
    [InlineData("""{"engine":"test-threshold"}""", "seriesId", "seriesId is required")]
    [InlineData("""{"engine":"test-threshold","parameters":{"bogus":1}}""", "parameters.bogus", "its parameters are threshold, label")]
    [InlineData("""{"engine":"test-threshold","parameters":{"threshold":"high"}}""", "parameters.threshold", "must be a number")]
    [InlineData("""{"engine":"test-threshold","parameters":[1]}""", "parameters", "must be an object")]
    [InlineData("""{"engine":"test-threshold","version":"9.9.9"}""", "version", "has no version '9.9.9'")]
    [InlineData("""{"engine":"test-threshold","version":"1.1.0"}""", "version", "has not been validated")]
    [InlineData("""{"engine":"test-seeds"}""", "seeds", "test-seeds needs seeds")]
    [InlineData("""{"engine":"test-seeds","seeds":{"0":[[1,1,1]]}}""", "seeds.0", "not a positive integer label")]
    [InlineData("""{"engine":"test-seeds","seeds":{"left":[[1,1,1]]}}""", "seeds.left", "not a positive integer label")]
    [InlineData("""{"engine":"test-seeds","seeds":{"1":[[1,1,1],[12,0,0]]}}""", "seeds.1[1]", "outside the series grid: i 0–11, j 0–9, k 0–7")]
    [InlineData("""{"engine":"test-seeds","seeds":{"1":[[1,1]]}}""", "seeds.1[0]", "three integers")]
    [InlineData("""{"engine":"test-seeds","seeds":{"1":[]}}""", "seeds.1", "non-empty list")]
    [InlineData("""{"engine":"test-seeds","seeds":[[1,1,1]]}""", "seeds", "must be an object of labels")]
    [InlineData("""{"engine":"test-threshold","inputMaskAnalysisId":"nope"}""", "inputMaskAnalysisId", "No analysis 'nope'")]
    public async Task A_bad_request_is_a_400_naming_the_field(string body, string field, string message)
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        await ActivateAsync("test-seeds");
        var clinician = await App.ClinicianAsync();
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        if (field != "seriesId" || body.Contains("missing", StringComparison.Ordinal))
        {
            json.TryAdd("seriesId", JsonSerializer.SerializeToElement(seriesId));
        }

        var response = await clinician.PostAsJsonAsync("/api/analyses", json, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM analyses"));
    }

    [Fact]
    public async Task An_engine_without_an_active_version_is_a_409_that_says_how_to_activate_one()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        var clinician = await App.ClinicianAsync();

        var response = await clinician.PostAsJsonAsync("/api/analyses", new { seriesId, engine = "test-threshold" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("engine activate test-threshold", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_clinicians_submit_and_read_analyses()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var admin = await App.AdminAsync();
        var anonymous = App.NewClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/analyses", new { seriesId, engine = "test-threshold" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/analyses", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/analyses", new { seriesId, engine = "test-threshold" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClinicianAsync()).GetAsync("/api/analyses/none", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_succeeded_analysis_is_reviewed_once_and_the_sign_off_is_audited()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        await ActivateAsync("test-wait");
        var clinician = await App.ClinicianAsync();
        var running = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        await WaitForAsync(clinician, id, "Succeeded");
        await StartedAsync(running);

        var early = await clinician.PostAsJsonAsync($"/api/analyses/{running}/review", new { decision = "accept" }, Ct);
        var unclear = await clinician.PostAsJsonAsync($"/api/analyses/{id}/review", new { decision = "maybe" }, Ct);
        var accepted = await clinician.PostAsJsonAsync($"/api/analyses/{id}/review", new { decision = "Accept", comment = "box well delineated" }, Ct);
        var again = await clinician.PostAsJsonAsync($"/api/analyses/{id}/review", new { decision = "reject" }, Ct);
        var review = (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("review");

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unclear.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("accept by clinician", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("accept", review.GetProperty("decision").GetString());
        Assert.Equal("box well delineated", review.GetProperty("comment").GetString());
        Assert.Equal("clinician", review.GetProperty("reviewedBy").GetString());
        var trail = await Database.ScalarAsync<string>(
            "SELECT detail FROM audit_events WHERE object_id = @id AND detail LIKE 'review:%'", new { id });
        Assert.Equal("review: accept — box well delineated", trail);
    }

    [Fact]
    public async Task A_heavy_engine_runs_on_the_gpu_queue()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-heavy");
        var clinician = await App.ClinicianAsync();

        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-heavy" });
        var done = await WaitForAsync(clinician, id, "Succeeded");
        var jobId = await Database.ScalarAsync<string>("SELECT job_id FROM analyses WHERE id = @id", new { id });
        var history = App.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId).History;

        Assert.Equal("gpu", done.GetProperty("queue").GetString());
        // The queue travels on the job itself (Hangfire 1.8), so it is the gpu server that processed it.
        var processing = Assert.Single(history, h => h.StateName == "Processing");
        Assert.Contains(":gpu:", processing.Data["ServerId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_job_gauges_and_the_accuracy_gauge_are_exported()
    {
        await ActivateAsync("test-threshold");

        var metrics = await App.NewClient().GetStringAsync("/metrics", Ct);

        Assert.Contains("openalgebra_jobs_queued{queue=\"gpu\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("openalgebra_medical_model_accuracy{engine=\"test-threshold\",version=\"1.0.0\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_study_deletes_its_analyses_and_their_results()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        await WaitForAsync(clinician, id, "Succeeded");
        var study = (await clinician.GetFromJsonAsync<JsonElement>("/api/studies", Ct)).GetProperty("items")[0].GetProperty("id").GetString();

        var deleted = await (await App.AdminAsync()).DeleteAsync($"/api/studies/{study}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/analyses/{id}", Ct)).StatusCode);
        var left = new List<string>();
        await foreach (var key in App.Services.GetRequiredService<Modules.Platform.Blobs.IBlobStore>().ListAsync("analyses/", Ct))
        {
            left.Add(key);
        }

        Assert.Empty(left);
    }
}
