using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Inference;

/// <summary>
/// The app with the test engines (scaffolding until real engines are merged): <c>test-threshold</c> 1.0.0 (passes
/// the gate) and 1.1.0 (fails it), <c>test-heavy</c> (gpu queue), <c>test-seeds</c>, <c>test-wait</c> (holds its
/// worker), <c>test-flaky</c> and <c>test-derive</c>.
/// </summary>
public abstract class AnalysisAppTest : IAsyncLifetime
{
    internal TestDatabase Database { get; private set; } = null!;

    internal AppFactory App { get; private set; } = null!;

    internal WaitingEngine Waiting { get; private set; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual string Provider => DatabaseProviders.Sqlite;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Provider);
        App = NewApp(Waiting);
    }

    public async ValueTask DisposeAsync()
    {
        Waiting.Release();
        await App.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Another app over the same database and data directory, as after a restart.</summary>
    internal AppFactory NewApp(WaitingEngine waiting, Dictionary<string, string?>? settings = null) =>
        new(Database, settings, services => AddEngines(services, waiting));

    /// <summary>Replaces the app (disposing the old one first, as a stopped process) by one with another waiting engine.</summary>
    internal async Task RestartAsync(WaitingEngine waiting, Dictionary<string, string?>? settings = null)
    {
        await App.DisposeAsync();
        Waiting = waiting;
        App = NewApp(waiting, settings);
    }

    internal static void AddEngines(IServiceCollection services, WaitingEngine waiting)
    {
        services.AddSingleton<IAnalysisEngine>(new ThresholdEngine());
        services.AddSingleton<IAnalysisEngine>(new ThresholdEngine(version: "1.1.0", threshold: 1000));
        services.AddSingleton<IAnalysisEngine>(new ThresholdEngine("test-heavy", workload: EngineWorkload.Heavy));
        services.AddSingleton<IAnalysisEngine>(new SeedEngine());
        services.AddSingleton<IAnalysisEngine>(waiting);
        services.AddSingleton<IAnalysisEngine>(new FlakyEngine());
        services.AddSingleton<IAnalysisEngine>(new DerivingEngine());
    }

    /// <summary>Validates and activates a version, as an admin would with the command line.</summary>
    internal async Task ActivateAsync(string engine, string version = "1.0.0")
    {
        var registry = App.Services.GetRequiredService<IEngineRegistry>();
        await registry.ValidateAsync(engine, version, AuditActor.System, cancellationToken: Ct);
        await registry.ActivateAsync(engine, version, AuditActor.System, Ct);
    }

    /// <summary>Submits through the API and returns the analysis id.</summary>
    internal static async Task<string> SubmitAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/analyses", body, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Polls the analysis until it is in <paramref name="state"/>; fails with the last answer after the timeout.</summary>
    internal Task<JsonElement> WaitForAsync(HttpClient client, string id, string state, int seconds = 30) =>
        WaitUntilAsync(client, id, a => a.GetProperty("state").GetString() == state, $"reach {state}", seconds);

    /// <summary>Polls the analysis until <paramref name="done"/> holds; fails with the last answer after the timeout.</summary>
    internal async Task<JsonElement> WaitUntilAsync(HttpClient client, string id, Func<JsonElement, bool> done, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement analysis;
        do
        {
            analysis = await client.GetFromJsonAsync<JsonElement>($"/api/analyses/{id}", Ct);
            if (done(analysis))
            {
                return analysis;
            }

            await Task.Delay(50, Ct);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"analysis {id} did not {what} in {seconds} s: {analysis}; {await DiagnoseAsync(id)}");
        return analysis;
    }

    /// <summary>Waits until the waiting engine runs analysis <paramref name="id"/>.</summary>
    internal async Task StartedAsync(string id)
    {
        try
        {
            await Waiting.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"analysis {id} did not start in 30 s; {await DiagnoseAsync(id)}");
        }
    }

    /// <summary>What Hangfire did with an analysis's job, and how busy the thread pool was: the usual suspects when a job does not run.</summary>
    private async Task<string> DiagnoseAsync(string id)
    {
        var jobId = await Database.ScalarAsync<string?>("SELECT job_id FROM analyses WHERE id = @id", new { id });
        var history = jobId is null ? [] : App.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().JobDetails(jobId).History
            .Select(h => $"{h.CreatedAt:HH:mm:ss.fff} {h.StateName} {string.Join(' ', h.Data.Select(d => $"{d.Key}={d.Value}"))}");
        var servers = App.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().Servers()
            .Select(s => $"{s.Name} [{string.Join(',', s.Queues)}] {s.WorkersCount} workers, heartbeat {s.Heartbeat:HH:mm:ss.fff}");
        return $"Hangfire job {jobId}: {string.Join("; ", history)}; servers: {string.Join("; ", servers)}; now {DateTime.UtcNow:HH:mm:ss.fff}; " +
            $"thread pool: {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} work items waiting";
    }

    internal async Task<long> CountAuditAsync(string eventId, string? objectId = null) =>
        await Database.ScalarAsync<long>("SELECT COUNT(*) FROM audit_events WHERE event_id = @eventId AND (@objectId IS NULL OR object_id = @objectId)",
            new { eventId, objectId });
}
