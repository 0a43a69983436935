using System.Net;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class AccessControlTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private AppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        _app = new AppFactory(_database);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/audit")]
    [InlineData("/api/audit/verify")]
    [InlineData("/api/tokens")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/no-such-endpoint")]
    public async Task Anonymous_api_requests_get_401_problem_details_not_a_redirect(string path)
    {
        var response = await _app.NewClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_clinician_gets_403_from_the_audit_api_and_an_admin_gets_the_trail()
    {
        var clinician = await _app.ClinicianAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/audit/verify", Ct)).StatusCode);

        var admin = await _app.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_api_paths_are_404_for_a_signed_in_user()
    {
        var admin = await _app.AdminAsync();
        var response = await admin.GetAsync("/api/no-such-endpoint", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/studies")]
    [InlineData("/compliance")]
    [InlineData("/ops")]
    public async Task Anonymous_page_requests_redirect_to_the_sign_in_page(string path)
    {
        var response = await _app.NewClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login?returnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/compliance")]
    [InlineData("/ops")]
    [InlineData("/hangfire")]
    public async Task A_clinician_is_sent_to_access_denied_for_admin_and_ops_pages(string path)
    {
        var clinician = await _app.ClinicianAsync();
        var response = await clinician.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/studies", "clinician")]
    [InlineData("/compliance", "admin")]
    [InlineData("/ops", "admin")]
    [InlineData("/hangfire", "admin")]
    public async Task Each_role_reaches_its_own_pages(string path, string who)
    {
        var client = who == "admin" ? await _app.AdminAsync() : await _app.ClinicianAsync();
        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Navigation_shows_only_what_the_roles_allow()
    {
        var clinicianHome = await (await _app.ClinicianAsync()).GetStringAsync("/", Ct);
        Assert.Contains("href=\"/studies\"", clinicianHome, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/compliance\"", clinicianHome, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/ops\"", clinicianHome, StringComparison.Ordinal);

        var adminHome = await (await _app.AdminAsync()).GetStringAsync("/", Ct);
        Assert.Contains("href=\"/compliance\"", adminHome, StringComparison.Ordinal);
        Assert.Contains("href=\"/ops\"", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/studies\"", adminHome, StringComparison.Ordinal);
    }
}
