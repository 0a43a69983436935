using System.Net;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class AccessControlTests : AppTest
{
    [Theory]
    [InlineData("/api/audit")]
    [InlineData("/api/audit/verify")]
    [InlineData("/api/tokens")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/no-such-endpoint")]
    public async Task Anonymous_api_requests_get_401_problem_details_not_a_redirect(string path)
    {
        var response = await App.NewClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_clinician_gets_403_from_the_audit_api_and_an_admin_gets_the_trail()
    {
        var clinician = await App.ClinicianAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/audit/verify", Ct)).StatusCode);

        var admin = await App.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_api_paths_are_404_for_a_signed_in_user()
    {
        var admin = await App.AdminAsync();
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
        var response = await App.NewClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login?returnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/compliance")]
    [InlineData("/ops")]
    [InlineData("/hangfire")]
    public async Task A_clinician_is_sent_to_access_denied_for_admin_and_ops_pages(string path)
    {
        var clinician = await App.ClinicianAsync();
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
        var client = who == "admin" ? await App.AdminAsync() : await App.ClinicianAsync();
        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Navigation_shows_only_what_the_roles_allow()
    {
        var clinicianHome = await (await App.ClinicianAsync()).GetStringAsync("/", Ct);
        Assert.Contains("href=\"/studies\"", clinicianHome, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/compliance\"", clinicianHome, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/ops\"", clinicianHome, StringComparison.Ordinal);

        var adminHome = await (await App.AdminAsync()).GetStringAsync("/", Ct);
        Assert.Contains("href=\"/compliance\"", adminHome, StringComparison.Ordinal);
        Assert.Contains("href=\"/ops\"", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/studies\"", adminHome, StringComparison.Ordinal);
    }
}
