using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Tests.Inference;

/// <summary>The production profile's job path: PostgreSQL for rows and Hangfire.PostgreSql for the queue, which outlives the process.</summary>
public sealed class PostgresAnalysisTests : AnalysisAppTest
{
    protected override string Provider => DatabaseProviders.Postgres;

    [Fact]
    public async Task An_analysis_runs_and_its_results_come_back()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var clinician = await App.ClinicianAsync();

        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        var done = await WaitForAsync(clinician, id, "Succeeded");
        var metrics = await clinician.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/analyses/{id}/result/metrics.json", Ct);

        Assert.Equal(3, done.GetProperty("results").GetArrayLength());
        Assert.Equal(100, metrics.GetProperty("metrics").GetProperty("voxels").GetInt32());
    }

    [Fact]
    public async Task A_cancel_reaches_the_running_engine_within_a_second()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-wait");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await StartedAsync(id);

        var asked = Stopwatch.GetTimestamp();
        await clinician.PostAsync($"/api/analyses/{id}/cancel", null, Ct);
        var seen = await Waiting.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.True(Stopwatch.GetElapsedTime(asked, seen) < TimeSpan.FromSeconds(1));
        await WaitForAsync(clinician, id, "Cancelled", 5);
    }

    [Fact]
    public async Task A_job_whose_worker_stops_mid_run_is_taken_up_again_and_stores_one_result()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-wait");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await StartedAsync(id);

        // The host goes down mid-run; Hangfire.PostgreSql keeps the job and hands it to the next server.
        var next = new WaitingEngine(released: true);
        await RestartAsync(next);
        clinician = await App.ClinicianAsync();
        var done = await WaitForAsync(clinician, id, "Succeeded", 60);

        Assert.Equal(1, done.GetProperty("attempts").GetInt32());
        var keys = new List<string>();
        await foreach (var key in App.Services.GetRequiredService<IBlobStore>().ListAsync($"analyses/{id}/", Ct))
        {
            keys.Add(key);
        }

        Assert.Single(keys.Select(k => k.Split('/')[2]).Distinct());
        Assert.Equal(3, keys.Count(k => !k.EndsWith(".dek", StringComparison.Ordinal)));
    }
}
