using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.EndToEnd;

/// <summary>
/// The real app on the embedded profile (a fresh data directory, SQLite, blobs on disk) behind Kestrel on a free
/// loopback port, with a clinician and an admin, and Debian's Chromium driven by Playwright. Shared by the tests of
/// <see cref="BrowserTestGroup"/>; each test opens its own browser context (its own cookies) with <see cref="OpenAsync"/>.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string Clinician = "dr.e2e";
    public const string ClinicianPassword = "an-end-to-end-secret-of-length";
    public const string AdminPassword = "the-first-operator-secret-of-length";

    /// <summary>The smaller screen the UI must work on; tests that check a 4K screen resize their page.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"];

    private TestDatabase? _database;
    private Factory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:43117</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The app's own services, to read what the browser did (the audit trail, the index).</summary>
    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        // Skips (locally) or fails (CI) every test of the collection when Chromium is missing.
        if (!File.Exists(Infrastructure.Services.ChromiumPath))
        {
            return;
        }

        _database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        _factory = new Factory(_database);
        _factory.StartServer();
        Address = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await _factory.Services.GetRequiredService<IAccountService>().CreateUserAsync(Clinician, [Roles.Clinician], ClinicianPassword, AuditActor.System);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Infrastructure.Services.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser context (no cookies) on a laptop-sized page, and the steps that screenshot it for the named test.</summary>
    public async Task<(IPage Page, Steps Steps)> OpenAsync(string test)
    {
        _ = Infrastructure.Services.Chromium;
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address.ToString(), ViewportSize = Laptop });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return (page, new Steps(page, test));
    }

    /// <summary>Signs in through the login form and waits until the page's circuit has taken over.</summary>
    public static async Task SignInAsync(IPage page, string user, string password, Steps steps)
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await steps.ShotAsync("sign-in page");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), LeftTheOldPage);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Waits only until the browser has committed to the new document: what a step needs next is waited for on its own
    /// (the circuit, a message), and the document's load event once went missing under CI load (a 30 s timeout after
    /// "networkidle" had fired), failing a sign-in that had worked.
    /// </summary>
    public static readonly PageWaitForURLOptions LeftTheOldPage = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>Opens an application page by its address and waits until its circuit has taken over.</summary>
    public static async Task OpenInCircuitAsync(IPage page, string path)
    {
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await WaitForCircuitAsync(page);
    }

    /// <summary>The viewer takes keys and pointer gestures only once its script has attached to the viewport, a moment after the circuit starts.</summary>
    public static Task WaitForViewerInputAsync(IPage page) => page.WaitForSelectorAsync("[data-testid=viewport][data-input=attached]");

    /// <summary>Prerendered pages look ready before they are; the layout says when the interactive circuit is rendering.</summary>
    public static Task WaitForCircuitAsync(IPage page) => page.WaitForSelectorAsync("[data-interactive=true]");

    /// <summary>Validates and activates this build's version of an engine, as an administrator does with <c>engine validate</c> and <c>engine activate</c>.</summary>
    public async Task ActivateAsync(string engine)
    {
        var registry = Services.GetRequiredService<IEngineRegistry>();
        var validation = await registry.ValidateAsync(engine, null, AuditActor.System);
        await registry.ActivateAsync(engine, validation.Version, AuditActor.System);
    }

    /// <summary>What the audit trail holds about <paramref name="user"/>, read through the API as the administrator.</summary>
    public async Task<IReadOnlyList<AuditRecord>> AuditTrailAsync(string user)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var page = await client.GetFromJsonAsync<AuditPage>($"/api/audit?user={Uri.EscapeDataString(user)}&pageSize=500", JsonSerializerOptions.Web);
        return page!.Items;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The app host with Kestrel on a free loopback port instead of the in-memory test server, which no browser can reach.</summary>
    private sealed class Factory : WebApplicationFactory<Program>
    {
        private readonly TestDatabase _database;

        public Factory(TestDatabase database)
        {
            _database = database;
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("E2E");
            builder.UseSetting("OPENALGEBRA_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("OpenAlgebra:Auth:SignInAttemptsPerMinute", "1000");
            foreach (var (key, value) in _database.Settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>The browser tests share one app and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}
