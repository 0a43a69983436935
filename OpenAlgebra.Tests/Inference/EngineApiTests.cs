using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Inference.Registry;

namespace OpenAlgebra.Tests.Inference;

public sealed class EngineApiTests : AnalysisAppTest
{
    [Fact]
    public async Task Engines_are_listed_with_versions_validation_and_the_active_one()
    {
        await ActivateAsync("test-threshold");
        var clinician = await App.ClinicianAsync();

        var engines = await clinician.GetFromJsonAsync<JsonElement>("/api/engines", Ct);
        var threshold = await clinician.GetFromJsonAsync<JsonElement>("/api/engines/test-threshold", Ct);

        Assert.Contains(engines.EnumerateArray(), e => e.GetProperty("name").GetString() == "test-wait" && e.GetProperty("workload").GetString() == "Heavy");
        Assert.Equal("1.0.0", threshold.GetProperty("activeVersion").GetString());
        var versions = threshold.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["1.0.0", "1.1.0"], versions.Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(1.0, versions[0].GetProperty("validation").GetProperty("meanDice").GetDouble());
        Assert.Equal("box", versions[0].GetProperty("validation").GetProperty("cases")[0].GetProperty("name").GetString());
        Assert.Equal(1000, versions[1].GetProperty("defaultParameters").GetProperty("threshold").GetDouble());
        Assert.Equal(JsonValueKind.Null, versions[1].GetProperty("validation").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/api/engines/nope", Ct)).StatusCode);
    }

    [Fact]
    public async Task Admins_activate_and_roll_back_and_the_gate_answers_409_with_the_score()
    {
        var registry = App.Services.GetRequiredService<IEngineRegistry>();
        await registry.ValidateAsync("test-threshold", "1.0.0", AuditActor.System, cancellationToken: Ct);
        await registry.ValidateAsync("test-threshold", "1.1.0", AuditActor.System, cancellationToken: Ct);
        var admin = await App.AdminAsync();
        var clinician = await App.ClinicianAsync();

        var forbidden = await clinician.PostAsJsonAsync("/api/engines/test-threshold/activate", new { version = "1.0.0" }, Ct);
        var noVersion = await admin.PostAsJsonAsync("/api/engines/test-threshold/activate", new { }, Ct);
        var refused = await admin.PostAsJsonAsync("/api/engines/test-threshold/activate", new { version = "1.1.0" }, Ct);
        var activated = await admin.PostAsJsonAsync("/api/engines/test-threshold/activate", new { version = "1.0.0" }, Ct);
        var nothingToRollBack = await admin.PostAsync("/api/engines/test-threshold/rollback", null, Ct);
        var clinicianRollback = await clinician.PostAsync("/api/engines/test-threshold/rollback", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Dice of 0.0000, under the gate of 0.90", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal("1.0.0", (await activated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("activeVersion").GetString());
        Assert.Equal(HttpStatusCode.Conflict, nothingToRollBack.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clinicianRollback.StatusCode);
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM audit_events WHERE user_name = 'admin' AND detail LIKE 'activated 1.0.0%'"));
    }

    [Fact]
    public async Task A_validated_version_that_is_not_active_may_be_named_but_not_one_under_the_gate()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var registry = App.Services.GetRequiredService<IEngineRegistry>();
        await registry.ValidateAsync("test-threshold", "1.1.0", AuditActor.System, cancellationToken: Ct);
        var clinician = await App.ClinicianAsync();

        var underGate = await clinician.PostAsJsonAsync("/api/analyses", new { seriesId, engine = "test-threshold", version = "1.1.0" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, underGate.StatusCode);
        Assert.Contains("under the gate", await underGate.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
