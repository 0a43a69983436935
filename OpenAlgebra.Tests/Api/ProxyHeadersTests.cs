using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class ProxyHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("10.0.0.5", "203.0.113.9")]   // from the trusted proxy: the forwarded client is audited
    [InlineData("192.0.2.50", "192.0.2.50")]  // from anywhere else: the header is ignored
    public async Task Audit_rows_name_the_client_behind_a_trusted_proxy_only(string peer, string audited)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new AppFactory(database, new() { ["OpenAlgebra:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new PeerAddress(IPAddress.Parse(peer)))));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong password" }, Ct);

        var rows = await database.Get<IAuditTrail>().QueryAsync(new AuditQuery(EventId: AuditEventIds.UserAuthentication), AuditActor.System, Ct);
        Assert.Equal(audited, rows.Items[0].SourceIp);
    }

    [Fact]
    public async Task A_malformed_network_stops_start_up_with_its_name()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new AppFactory(database, new() { ["OpenAlgebra:ForwardedHeaders:KnownNetworks:0"] = "10.0.0/8x" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("'10.0.0/8x' is not a CIDR network", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>TestServer has no socket; this sets the peer address the way Kestrel would.</summary>
    private sealed class PeerAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
