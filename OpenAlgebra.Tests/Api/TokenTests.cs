using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class TokenTests : AppTest
{
    [Fact]
    public async Task A_token_is_shown_once_stored_hashed_works_as_bearer_and_stops_working_when_revoked()
    {
        var admin = await App.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "backup script" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<Created>(Ct))!;
        Assert.StartsWith("oat_", created.Token, StringComparison.Ordinal);

        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM api_tokens WHERE token_hash = @t OR name = @t", new { t = created.Token }));
        var listed = await admin.GetStringAsync("/api/tokens", Ct);
        Assert.Contains("backup script", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Token, listed, StringComparison.Ordinal);

        var script = Bearer(created.Token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/audit", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tokens/{created.Id}", Ct)).StatusCode);
        var refused = await script.GetAsync("/api/audit", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_token_carries_its_owners_roles()
    {
        var clinician = await App.ClinicianAsync();
        var created = (await (await clinician.PostAsJsonAsync("/api/tokens", new { name = "cli" }, Ct)).Content.ReadFromJsonAsync<Created>(Ct))!;

        var script = Bearer(created.Token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.GetAsync("/api/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task Users_cannot_revoke_each_others_tokens_but_an_admin_can()
    {
        var admin = await App.AdminAsync();
        var adminToken = (await (await admin.PostAsJsonAsync("/api/tokens", new { name = "admin" }, Ct)).Content.ReadFromJsonAsync<Created>(Ct))!;
        var clinician = await App.ClinicianAsync();
        var clinicianToken = (await (await clinician.PostAsJsonAsync("/api/tokens", new { name = "mine" }, Ct)).Content.ReadFromJsonAsync<Created>(Ct))!;

        Assert.Equal(HttpStatusCode.NotFound, (await clinician.DeleteAsync($"/api/tokens/{adminToken.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(adminToken.Token).GetAsync("/api/auth/me", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tokens/{clinicianToken.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(clinicianToken.Token).GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Tokens_expire()
    {
        var admin = await App.AdminAsync();
        var created = (await (await admin.PostAsJsonAsync("/api/tokens", new { name = "short", expiresInDays = 1 }, Ct)).Content.ReadFromJsonAsync<Created>(Ct))!;
        Assert.Equal(HttpStatusCode.OK, (await Bearer(created.Token).GetAsync("/api/auth/me", Ct)).StatusCode);

        App.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(created.Token).GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"x\",\"expiresInDays\":0}", "lifetime")]
    [InlineData("{\"name\":\"x\",\"expiresInDays\":400}", "lifetime")]
    public async Task Bad_token_requests_are_400_naming_the_field(string body, string mentioned)
    {
        var admin = await App.AdminAsync();
        var response = await admin.PostAsync("/api/tokens", new StringContent(body, new MediaTypeHeaderValue("application/json")), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_garbage_bearer_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer("oat_not-a-real-token").GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer("something-else").GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    private HttpClient Bearer(string token)
    {
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record Created(string Id, string Token, DateTimeOffset ExpiresAt);
}
