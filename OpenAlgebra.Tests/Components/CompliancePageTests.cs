using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;
using OpenAlgebra.Web.Components.Session;

namespace OpenAlgebra.Tests.Components;

/// <summary>The compliance page over a real audit trail: chain status, rows, and the audit of reading them.</summary>
public sealed class CompliancePageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private TestDatabase _database = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        for (var i = 1; i <= 3; i++)
        {
            await _database.Get<IAuditTrail>().RecordAsync(new AuditEvent(new AuditActor("dr.who", ["Clinician"], "10.1.1.1"),
                AuditEventIds.DicomInstancesAccessed, AuditActions.Read, AuditOutcomes.Success, null, "study", $"study-{i}"), Ct);
        }

        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(_database.Get<IAuditTrail>());
        _context.AddAuthorization().SetAuthorized("auditor").SetRoles("Admin");
        _context.Render<MudBlazor.MudPopoverProvider>();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Shows_the_rows_and_an_intact_chain_and_audits_the_reading()
    {
        var page = _context.Render<OpenAlgebra.Web.Components.Pages.Compliance>(p => p.AddCascadingValue(new ClientAddress("10.9.9.9")));

        page.WaitForAssertion(() => Assert.Contains("Audit chain intact.", page.Find("[data-testid=chain-status]").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Contains("study-3", page.Find("[data-testid=audit-table]").TextContent, StringComparison.Ordinal));
        var reads = await _database.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "auditor", EventId: AuditEventIds.AuditLogUsed), AuditActor.System, Ct);
        Assert.Contains(reads.Items, r => r.Action == AuditActions.Read && r.SourceIp == "10.9.9.9");
        Assert.Contains(reads.Items, r => r.Detail == "chain verification");
    }

    [Fact]
    public async Task Names_the_first_bad_row_of_a_tampered_chain()
    {
        await _database.DropAuditTriggersAsync();
        await _database.ExecuteAsync("UPDATE audit_events SET object_id = 'study-99' WHERE seq = 2");

        var page = _context.Render<OpenAlgebra.Web.Components.Pages.Compliance>(p => p.AddCascadingValue(new ClientAddress(null)));

        page.WaitForAssertion(() => Assert.Contains("Audit chain broken at row 2.", page.Find("[data-testid=chain-status]").TextContent, StringComparison.Ordinal));
    }
}
