using System.Net;
using System.Text.Json;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ready_reports_each_dependency_and_a_stopped_database_makes_it_not_ready(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AppFactory(database);
        var client = app.NewClient();

        var ready = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("checks");
        Assert.Equal(["blob-store", "database", "job-storage"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.Contains(provider, checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);

        await database.BreakAsync();

        var notReady = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var body = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task Ready_includes_redis_when_it_is_configured()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new AppFactory(database, new() { ["ConnectionStrings:Redis"] = Services.Redis });

        var ready = await app.NewClient().GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var cache = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("checks").GetProperty("cache");
        Assert.Equal("Healthy", cache.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_probes_the_s3_blob_store_when_it_is_configured()
    {
        var s3 = Services.S3("ready-probe");
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new AppFactory(database, new()
        {
            ["OpenAlgebra:Blobs:Provider"] = "s3",
            ["OpenAlgebra:Blobs:S3:ServiceUrl"] = s3.ServiceUrl,
            ["OpenAlgebra:Blobs:S3:Bucket"] = s3.Bucket,
            ["OpenAlgebra:Blobs:S3:AccessKey"] = s3.AccessKey,
            ["OpenAlgebra:Blobs:S3:SecretKey"] = s3.SecretKey,
        });

        var ready = await app.NewClient().GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var blobs = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("checks").GetProperty("blob-store");
        Assert.Equal("s3", blobs.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Ready_is_503_when_redis_is_configured_but_down()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new AppFactory(database, new() { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=200" });

        var ready = await app.NewClient().GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task Version_and_metrics_answer_without_signing_in()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new AppFactory(database);
        var client = app.NewClient();
        await client.GetAsync("/api/auth/me", Ct);

        var version = JsonDocument.Parse(await client.GetStringAsync("/version", Ct)).RootElement;
        Assert.False(string.IsNullOrEmpty(version.GetProperty("version").GetString()));
        Assert.True(version.TryGetProperty("commit", out _));
        Assert.True(version.TryGetProperty("buildDate", out _));
        Assert.Equal("sqlite/filesystem/memory", version.GetProperty("profile").GetString());

        var metrics = await client.GetStringAsync("/metrics", Ct);
        Assert.Contains("openalgebra_api_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("openalgebra_api_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("openalgebra_encryption_enabled 1", metrics, StringComparison.Ordinal);
    }
}
