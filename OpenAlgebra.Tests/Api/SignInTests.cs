using System.Net;
using System.Net.Http.Json;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class SignInTests : AppTest
{
    [Fact]
    public async Task Correct_password_sets_a_session_cookie_that_authenticates_the_api()
    {
        var client = App.NewClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AppFactory.AdminPassword }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("OpenAlgebra.Session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var me = await client.GetFromJsonAsync<Me>("/api/auth/me", Ct);
        Assert.Equal("admin", me!.UserName);
        Assert.Equal(["Admin", "Ops"], me.Roles);
        await AssertAuditedAsync(AuditEventIds.UserAuthentication, "admin", AuditOutcomes.Success);
    }

    [Fact]
    public async Task Wrong_password_is_401_and_audited_as_a_failure()
    {
        var client = App.NewClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "not-the-password" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
        await AssertAuditedAsync(AuditEventIds.UserAuthentication, "admin", AuditOutcomes.MinorFailure);
    }

    [Fact]
    public async Task Missing_fields_are_400_naming_them()
    {
        var response = await App.NewClient().PostAsJsonAsync("/api/auth/login", new { username = "admin" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("password", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        var client = App.NewClient();
        for (var i = 1; i <= 4; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = $"wrong-{i}" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var fifth = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-5" }, Ct);
        Assert.Equal(HttpStatusCode.Locked, fifth.StatusCode);
        await AssertAuditedAsync(AuditEventIds.SecurityAlert, "admin", AuditOutcomes.SeriousFailure);

        var right = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AppFactory.AdminPassword }, Ct);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Locked, (await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AppFactory.AdminPassword }, Ct)).StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AppFactory.AdminPassword }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        var client = App.NewClient();
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong" }, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AppFactory.AdminPassword }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var response = await App.NewClient().PostAsJsonAsync("/api/auth/login", new { username = "nobody", password = "whatever-password" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("user name or password", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server()
    {
        var client = await App.AdminAsync();
        var cookie = await client.GetAsync("/api/auth/me", Ct);
        Assert.Equal(HttpStatusCode.OK, cookie.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
        await AssertAuditedAsync(AuditEventIds.UserAuthentication, "admin", AuditOutcomes.Success, AuditEventTypes.Logout);
    }

    [Fact]
    public async Task A_replayed_cookie_is_refused_after_sign_out()
    {
        var client = await App.AdminAsync();
        var replay = App.NewClient();
        var login = await replay.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AppFactory.AdminPassword }, Ct);
        var stolen = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        await replay.PostAsync("/api/auth/logout", null, Ct);

        var attacker = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", stolen);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.SendAsync(request, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Idle_sessions_end_after_the_timeout_and_activity_keeps_them_alive()
    {
        var client = await App.AdminAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
        var page = await client.GetAsync("/compliance", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login?returnUrl=", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var logout = await AssertAuditedAsync(AuditEventIds.UserAuthentication, "admin", AuditOutcomes.Success, AuditEventTypes.Logout);
        Assert.Equal("idle timeout", logout.Detail);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        await using var limited = new AppFactory(Database, new() { ["OpenAlgebra:Auth:SignInAttemptsPerMinute"] = "3" });
        var client = limited.NewClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/auth/login", new { username = "x", password = "y" }, Ct)).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AppFactory.AdminPassword }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task The_sign_in_page_is_server_rendered_and_its_form_signs_in()
    {
        var client = App.NewClient();
        var page = await client.GetStringAsync("/login?returnUrl=%2Fops", Ct);
        Assert.Contains("action=\"/account/login\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--Blazor:", page, StringComparison.Ordinal); // no interactive root: static SSR
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var wrong = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = "nope", ["returnUrl"] = "/ops", ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.StartsWith("/login?error=invalid", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var right = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = AppFactory.AdminPassword, ["returnUrl"] = "https://evil.example/", ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString); // never an open redirect
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    private async Task<AuditRecord> AssertAuditedAsync(string eventId, string user, int outcome, string? eventType = null)
    {
        var page = await Database.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: user, EventId: eventId, PageSize: 100), AuditActor.System, Ct);
        var match = page.Items.FirstOrDefault(r => r.Outcome == outcome && (eventType is null || r.EventType == eventType));
        Assert.True(match is not null, $"no audit row {eventId} for {user} with outcome {outcome}");
        return match;
    }

    private sealed record Me(string Id, string UserName, string[] Roles);
}
