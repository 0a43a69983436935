using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Inference.Jobs;
using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Tests.Inference;

/// <summary>The job's life: cancellation, time limit, a worker stopped mid-run, retries, and results stored once.</summary>
public sealed class AnalysisJobTests : AnalysisAppTest
{
    [Fact]
    public async Task Cancelling_a_running_analysis_stops_its_engine_within_a_second()
    {
        var (clinician, seriesId) = await PrepareAsync("test-wait");
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await StartedAsync(id);

        var asked = Stopwatch.GetTimestamp();
        var response = await clinician.PostAsync($"/api/analyses/{id}/cancel", null, Ct);
        var seen = await Waiting.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        var cancelled = await WaitForAsync(clinician, id, "Cancelled", 5);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(Stopwatch.GetElapsedTime(asked, seen) < TimeSpan.FromSeconds(1), $"the engine saw the cancellation after {Stopwatch.GetElapsedTime(asked, seen)}");
        Assert.True(cancelled.GetProperty("cancelRequested").GetBoolean());
        Assert.Empty(cancelled.GetProperty("results").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await clinician.GetAsync($"/api/analyses/{id}/result/mask.nii.gz", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await clinician.PostAsync($"/api/analyses/{id}/cancel", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_cancel_recorded_by_another_instance_reaches_the_engine_within_a_second()
    {
        var (clinician, seriesId) = await PrepareAsync("test-wait");
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await StartedAsync(id);

        // What CancelAsync on another app instance writes; this instance learns it only from the row.
        var asked = Stopwatch.GetTimestamp();
        await Database.ExecuteAsync("UPDATE analyses SET cancel_requested = 1 WHERE id = @id", new { id });
        var seen = await Waiting.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.True(Stopwatch.GetElapsedTime(asked, seen) < TimeSpan.FromSeconds(1), $"the engine saw the cancellation after {Stopwatch.GetElapsedTime(asked, seen)}");
        await WaitForAsync(clinician, id, "Cancelled", 5);
    }

    [Fact]
    public async Task A_queued_analysis_is_cancelled_before_it_runs_and_a_finished_one_cannot_be()
    {
        var (clinician, seriesId) = await PrepareAsync("test-wait");
        var first = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await StartedAsync(first);
        // One gpu worker: the second waits behind the first.
        var second = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });

        var cancelled = await (await clinician.PostAsync($"/api/analyses/{second}/cancel", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Waiting.Release();
        await WaitForAsync(clinician, first, "Succeeded");
        var late = await clinician.PostAsync($"/api/analyses/{first}/cancel", null, Ct);

        Assert.Equal("Cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("startedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(1, Waiting.Runs);
        Assert.Equal("Cancelled", (await clinician.GetFromJsonAsync<JsonElement>($"/api/analyses/{second}", Ct)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_analysis_past_the_time_limit_fails_and_says_so()
    {
        await RestartAsync(new WaitingEngine(), new Dictionary<string, string?> { ["OpenAlgebra:Analyses:TimeLimitMinutes"] = "2" });
        var (clinician, seriesId) = await PrepareAsync("test-wait");
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await StartedAsync(id);

        App.Clock.Advance(TimeSpan.FromMinutes(2.5));
        var failed = await WaitForAsync(clinician, id, "Failed", 5);

        Assert.Contains("time limit of 2 minutes", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(failed.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task Progress_is_written_to_the_row_while_the_engine_runs()
    {
        var (clinician, seriesId) = await PrepareAsync("test-wait");
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await StartedAsync(id);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        JsonElement running;
        do
        {
            running = await clinician.GetFromJsonAsync<JsonElement>($"/api/analyses/{id}", Ct);
            await Task.Delay(100, Ct);
        }
        while (running.GetProperty("message").GetString() != "waiting to be released" && DateTime.UtcNow < deadline);

        Assert.Equal("Running", running.GetProperty("state").GetString());
        Assert.Equal(10, running.GetProperty("progress").GetInt32());
        Assert.Equal("waiting to be released", running.GetProperty("message").GetString());
        Assert.Equal(1, running.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Analyses_a_stopped_process_left_queued_or_running_run_again_at_start_and_store_one_result()
    {
        var (clinician, seriesId) = await PrepareAsync("test-wait");
        var running = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await StartedAsync(running);
        var queued = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });

        // The worker is stopped mid-run (the host goes down); the in-memory job storage goes with it.
        await RestartAsync(new WaitingEngine(released: true));
        var interrupted = await Database.ScalarAsync<string>("SELECT state || ':' || message FROM analyses WHERE id = @running", new { running });
        clinician = await App.ClinicianAsync();
        var first = await WaitForAsync(clinician, running, "Succeeded");
        await WaitForAsync(clinician, queued, "Succeeded");

        Assert.StartsWith("Running:interrupted", interrupted, StringComparison.Ordinal);
        Assert.Equal(1, first.GetProperty("attempts").GetInt32());
        var objects = await ListAsync($"analyses/{running}/");
        Assert.Equal(3, objects.Count(k => !k.EndsWith(".dek", StringComparison.Ordinal)));
        Assert.Single(objects.Select(k => k.Split('/')[2]).Distinct());
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/analyses/{running}/result/seg.dcm", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_job_that_runs_again_after_success_stores_nothing_new()
    {
        var (clinician, seriesId) = await PrepareAsync("test-threshold");
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        var done = await WaitForAsync(clinician, id, "Succeeded");
        var before = await ListAsync($"analyses/{id}/");

        // A duplicate delivery of the same job, as Hangfire may make after a crash.
        await App.Services.GetRequiredService<AnalysisJob>().RunAsync(id, Ct);

        var after = await clinician.GetFromJsonAsync<JsonElement>($"/api/analyses/{id}", Ct);
        Assert.Equal(before, await ListAsync($"analyses/{id}/"));
        Assert.Equal(done.GetProperty("finishedAt").GetString(), after.GetProperty("finishedAt").GetString());
        Assert.Equal(1, after.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_and_the_retry_stores_the_result()
    {
        var (clinician, seriesId) = await PrepareAsync("test-flaky");
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-flaky" });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement failedOnce;
        do
        {
            failedOnce = await clinician.GetFromJsonAsync<JsonElement>($"/api/analyses/{id}", Ct);
            await Task.Delay(50, Ct);
        }
        while (failedOnce.GetProperty("message").GetString()?.Contains("attempt 1 failed", StringComparison.Ordinal) != true && DateTime.UtcNow < deadline);

        // Hangfire's retry, run now instead of after its back-off.
        await App.Services.GetRequiredService<AnalysisJob>().RunAsync(id, Ct);
        var done = await clinician.GetFromJsonAsync<JsonElement>($"/api/analyses/{id}", Ct);

        Assert.Equal("Running", failedOnce.GetProperty("state").GetString());
        Assert.Contains("the scratch disk went away", failedOnce.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", done.GetProperty("state").GetString());
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task An_analysis_that_fails_its_last_attempt_is_failed_with_the_reason()
    {
        await RestartAsync(new WaitingEngine(), new Dictionary<string, string?> { ["OpenAlgebra:Analyses:MaxAttempts"] = "1" });
        var (clinician, seriesId) = await PrepareAsync("test-flaky");

        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-flaky" });
        var failed = await WaitForAsync(clinician, id, "Failed");

        Assert.Equal("failed after 1 attempts: the scratch disk went away", failed.GetProperty("reason").GetString());
    }

    private async Task<(HttpClient Clinician, string SeriesId)> PrepareAsync(string engine)
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync(engine);
        return (await App.ClinicianAsync(), seriesId);
    }

    private async Task<List<string>> ListAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in App.Services.GetRequiredService<IBlobStore>().ListAsync(prefix, Ct))
        {
            keys.Add(key);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
