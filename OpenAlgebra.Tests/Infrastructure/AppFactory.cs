using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>The whole app in process over a <see cref="TestDatabase"/>, with a clock the test moves.</summary>
/// <param name="services">Adds services to the app's, e.g. test-only analysis engines.</param>
internal sealed class AppFactory(TestDatabase database, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminPassword = "a-test-secret-of-decent-length";
    public const string ClinicianPassword = "another-test-secret-of-length";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestDatabase Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("OPENALGEBRA_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("OpenAlgebra:Jobs:DefaultWorkers", "1");
        builder.UseSetting("OpenAlgebra:Auth:SignInAttemptsPerMinute", "1000");
        foreach (var (key, value) in database.Settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? [])
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(collection =>
        {
            collection.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(collection);
        });
    }

    /// <summary>A client that keeps cookies and never follows redirects, so tests see 302s.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInAsync(string user, string password)
    {
        var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = user, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignedInAsync("admin", AdminPassword);

    /// <summary>Creates a clinician through the account service and signs them in.</summary>
    public async Task<HttpClient> ClinicianAsync(string name = "clinician")
    {
        var accounts = Services.GetRequiredService<OpenAlgebra.Modules.Compliance.Accounts.IAccountService>();
        if (await accounts.FindByNameAsync(name, TestContext.Current.CancellationToken) is null)
        {
            await accounts.CreateUserAsync(name, [OpenAlgebra.Modules.Compliance.Roles.Clinician], ClinicianPassword,
                OpenAlgebra.Modules.Compliance.Audit.AuditActor.System, TestContext.Current.CancellationToken);
        }

        return await SignedInAsync(name, ClinicianPassword);
    }
}
