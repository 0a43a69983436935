using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Cli;

public sealed class AuditVerifyCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_untouched_chain_verifies_with_exit_code_0(string provider)
    {
        await using var database = await WithRowsAsync(provider);

        var result = await CommandRunner.RunAsync(database, "", "audit", "verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("intact: 5 rows", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_edited_row_is_named(string provider)
    {
        await using var database = await WithRowsAsync(provider);
        await database.ExecuteAsync("UPDATE audit_events SET detail = 'nothing to see' WHERE seq = 3");

        var result = await CommandRunner.RunAsync(database, "", "audit", "verify");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("BROKEN at row 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("changed after it was written", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_deleted_row_is_named(string provider)
    {
        await using var database = await WithRowsAsync(provider);
        await database.ExecuteAsync("DELETE FROM audit_events WHERE seq = 3");

        var result = await CommandRunner.RunAsync(database, "", "audit", "verify");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("BROKEN at row 4", result.Error, StringComparison.Ordinal);
        Assert.Contains("row 3 is missing", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Swapped_rows_are_named(string provider)
    {
        await using var database = await WithRowsAsync(provider);
        await database.ExecuteAsync("UPDATE audit_events SET seq = -2 WHERE seq = 2");
        await database.ExecuteAsync("UPDATE audit_events SET seq = 2 WHERE seq = 3");
        await database.ExecuteAsync("UPDATE audit_events SET seq = 3 WHERE seq = -2");

        var result = await CommandRunner.RunAsync(database, "", "audit", "verify");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("BROKEN at row 2", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rows_cut_from_the_end_are_detected(string provider)
    {
        await using var database = await WithRowsAsync(provider);
        await database.ExecuteAsync("DELETE FROM audit_events WHERE seq >= 4");

        var result = await CommandRunner.RunAsync(database, "", "audit", "verify");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("removed", result.Error, StringComparison.Ordinal);
    }

    private static async Task<TestDatabase> WithRowsAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var trail = database.Get<IAuditTrail>();
        for (var i = 1; i <= 5; i++)
        {
            await trail.RecordAsync(new AuditEvent(new AuditActor("u", ["Admin"], "127.0.0.1"), AuditEventIds.Query, AuditActions.Execute,
                AuditOutcomes.Success, Detail: $"row {i}"), Ct);
        }

        await database.DropAuditTriggersAsync();
        return database;
    }
}
