using System.Net;
using System.Net.Http.Json;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Tests.Infrastructure;
using Prometheus;

namespace OpenAlgebra.Tests.Api;

public sealed class AuditApiTests : AppTest
{
    [Fact]
    public async Task The_chain_stays_whole_after_200_concurrent_audited_actions()
    {
        var admin = await App.AdminAsync();
        var before = await Database.ScalarAsync<long>("SELECT COUNT(*) FROM audit_events");

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            admin.PostAsJsonAsync("/api/tokens", new { name = $"concurrent {i}" }, Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(before + 200, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM audit_events"));
        var status = await (await admin.GetAsync("/api/audit/verify", Ct)).Content.ReadFromJsonAsync<AuditChainStatus>(Ct);
        Assert.True(status!.Intact, status.Message);
    }

    [Fact]
    public async Task Reading_the_trail_is_itself_audited_and_filtersApply()
    {
        var admin = await App.AdminAsync();
        await App.NewClient().PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-password" }, Ct);

        var page = await admin.GetFromJsonAsync<AuditPage>($"/api/audit?user=admin&event={AuditEventIds.UserAuthentication}&pageSize=10", Ct);

        Assert.NotNull(page);
        Assert.All(page.Items, r => Assert.Equal(AuditEventIds.UserAuthentication, r.EventId));
        Assert.Contains(page.Items, r => r.Outcome == AuditOutcomes.MinorFailure);
        var reads = await admin.GetFromJsonAsync<AuditPage>($"/api/audit?event={AuditEventIds.AuditLogUsed}", Ct);
        Assert.Contains(reads!.Items, r => r.UserName == "admin" && r.Action == AuditActions.Read);

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddYears(1).ToString("O"));
        var none = await admin.GetFromJsonAsync<AuditPage>($"/api/audit?from={future}&event={AuditEventIds.UserAuthentication}", Ct);
        Assert.Empty(none!.Items);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=501")]
    [InlineData("from=yesterday")]
    public async Task Bad_audit_queries_are_400(string query)
    {
        var admin = await App.AdminAsync();
        var response = await admin.GetAsync($"/api/audit?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task When_the_audit_row_cannot_be_written_the_action_fails_and_is_counted()
    {
        var admin = await App.AdminAsync();
        var failuresBefore = Metrics.DefaultRegistry.GetOrAdd("openalgebra_audit_write_failures_total");
        await Database.ExecuteAsync("CREATE TRIGGER audit_jammed BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        var tokensBefore = await Database.ScalarAsync<long>("SELECT COUNT(*) FROM api_tokens");

        var token = await admin.PostAsJsonAsync("/api/tokens", new { name = "should not exist" }, Ct);
        var login = await App.NewClient().PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AppFactory.AdminPassword }, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Equal(tokensBefore, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM api_tokens"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        Assert.True(failuresBefore.Increased(2));
    }
}

internal static class MetricProbe
{
    /// <summary>Snapshot of a counter's value, for asserting how much it grew (the registry is shared by every test).</summary>
    public static CounterSnapshot GetOrAdd(this CollectorRegistry registry, string name) => new(name, Read(name));

    internal static double Read(string name)
    {
        using var stream = new MemoryStream();
        Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record CounterSnapshot(string Name, double Value)
    {
        public bool Increased(double by) => Read(Name) >= Value + by;
    }
}
