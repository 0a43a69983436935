using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;
using OpenAlgebra.Web.Auth;
using OpenAlgebra.Web.Components.Session;

namespace OpenAlgebra.Tests.Components;

/// <summary>The open tab signs itself out: the circuit's own timer ends the session, no HTTP request needed.</summary>
public sealed class IdleSignOutTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestDatabase _database = null!;
    private string _sessionId = "";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite, clock: _clock);
        var accounts = _database.Get<IAccountService>();
        await accounts.CreateUserAsync("reader", ["Clinician"], "a long enough password", Modules.Compliance.Audit.AuditActor.System, Ct);
        _sessionId = (await accounts.SignInAsync("reader", "a long enough password", null, Ct)).SessionId!;

        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddSingleton<TimeProvider>(_clock);
        _context.Services.AddSingleton(_database.Get<ISessionService>());
        _context.Services.AddScoped<CircuitActivity>();
        _context.AddAuthorization().SetAuthorized("reader").SetClaims(new Claim(AuthSchemes.SessionClaim, _sessionId));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task After_the_idle_timeout_the_circuit_ends_the_session_and_leaves_for_the_sign_in_page()
    {
        var cut = _context.Render<IdleSignOut>();
        var navigation = _context.Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();

        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.DoesNotContain("/login", navigation.Uri, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(1.5));

        cut.WaitForAssertion(() => Assert.EndsWith("/login?reason=idle", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(SessionState.Ended, (await _database.Get<ISessionService>().CheckAsync(_sessionId, Ct)).State);
    }

    [Fact]
    public async Task Activity_reported_by_the_browser_keeps_the_session()
    {
        var cut = _context.Render<IdleSignOut>();
        var navigation = _context.Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        _context.JSInterop.VerifyInvoke("openAlgebraActivity.track");

        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(10));
            await cut.InvokeAsync(() => cut.Instance.ReportActivity());
        }

        await cut.InvokeAsync(() => cut.Instance.CheckIdleAsync());
        Assert.DoesNotContain("/login", navigation.Uri, StringComparison.Ordinal);
        Assert.Equal(SessionState.Active, (await _database.Get<ISessionService>().CheckAsync(_sessionId, Ct)).State);
    }

    [Fact]
    public async Task An_idle_tab_stays_while_another_tab_of_the_same_session_is_in_use()
    {
        var cut = _context.Render<IdleSignOut>();
        var navigation = _context.Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        var sessions = _database.Get<ISessionService>();

        _clock.Advance(TimeSpan.FromMinutes(10));
        await sessions.TouchAsync(_sessionId, Ct); // the other tab
        _clock.Advance(TimeSpan.FromMinutes(6));
        await cut.InvokeAsync(() => cut.Instance.CheckIdleAsync());
        Assert.DoesNotContain("/login", navigation.Uri, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(10));
        cut.WaitForAssertion(() => Assert.EndsWith("/login?reason=idle", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(SessionState.Ended, (await sessions.CheckAsync(_sessionId, Ct)).State);
    }
}
