using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Tests.Cli;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Inference;

/// <summary><c>engine list|validate|activate|rollback</c> on both databases, with the test engines.</summary>
public sealed class EngineCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Validate_prints_dice_per_case_and_stores_the_record(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var passed = await RunAsync(database, "engine", "validate", "test-threshold", "1.0.0");
        var failed = await RunAsync(database, "engine", "validate", "test-threshold", "1.1.0");
        var list = await RunAsync(database, "engine", "list");

        Assert.Equal(0, passed.ExitCode);
        Assert.Contains("box: Dice 1.0000", passed.Output, StringComparison.Ordinal);
        Assert.Contains("test-threshold 1.0.0: mean Dice 1.0000 over 1 cases, gate 0.90: passed", passed.Output, StringComparison.Ordinal);
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("mean Dice 0.0000 over 1 cases, gate 0.90: NOT passed", failed.Output, StringComparison.Ordinal);
        Assert.Matches(@"test-threshold\s+1\.0\.0\s+1\.0000\s+passed\s+yes\s+\d{4}-\d\d-\d\d \d\d:\d\d by cli", list.Output);
        Assert.Matches(@"test-threshold\s+1\.1\.0\s+0\.0000\s+failed\s+yes", list.Output);
        Assert.Matches(@"test-seeds\s+1\.0\.0\s+-\s+-\s+yes\s+never", list.Output);
        Assert.Equal(2, await database.ScalarAsync<long>("SELECT COUNT(*) FROM audit_events WHERE object_type = 'engine' AND detail LIKE 'validated:%'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Activation_under_the_gate_or_without_validation_is_refused_with_the_score(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await RunAsync(database, "engine", "validate", "test-threshold", "1.1.0");

        var underGate = await RunAsync(database, "engine", "activate", "test-threshold", "1.1.0");
        var unvalidated = await RunAsync(database, "engine", "activate", "test-threshold", "1.0.0");
        var unknown = await RunAsync(database, "engine", "activate", "test-threshold", "7.0.0");

        Assert.Equal(1, underGate.ExitCode);
        Assert.Contains("scored a validation Dice of 0.0000, under the gate of 0.90", underGate.Error, StringComparison.Ordinal);
        Assert.Equal(1, unvalidated.ExitCode);
        Assert.Contains("has not been validated (engine validate test-threshold 1.0.0)", unvalidated.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("has no version '7.0.0'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT COUNT(*) FROM engine_activations"));
        Assert.Equal(2, await database.ScalarAsync<long>("SELECT COUNT(*) FROM audit_events WHERE detail LIKE 'activation refused:%'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rollback_restores_the_previously_active_version(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var engines = new Action<IServiceCollection>(s =>
        {
            s.AddSingleton<IAnalysisEngine>(new ThresholdEngine(version: "1.0.0"));
            s.AddSingleton<IAnalysisEngine>(new ThresholdEngine(version: "1.2.0", threshold: 150));
        });
        await RunAsync(database, engines, "engine", "validate", "test-threshold", "1.0.0");
        await RunAsync(database, engines, "engine", "validate", "test-threshold", "1.2.0");

        var first = await RunAsync(database, engines, "engine", "activate", "test-threshold", "1.0.0");
        var second = await RunAsync(database, engines, "engine", "activate", "test-threshold", "1.2.0");
        var rollback = await RunAsync(database, engines, "engine", "rollback", "test-threshold");
        var nothingBefore = await RunAsync(database, engines, "engine", "rollback", "test-threshold");
        var neverActive = await RunAsync(database, engines, "engine", "rollback", "unknown-engine");

        Assert.Equal((0, "test-threshold: 1.0.0 is active"), (first.ExitCode, first.Output.Trim()));
        Assert.Equal((0, "test-threshold: 1.2.0 is active"), (second.ExitCode, second.Output.Trim()));
        Assert.Equal((0, "test-threshold: rolled back, 1.0.0 is active"), (rollback.ExitCode, rollback.Output.Trim()));
        Assert.Equal(1, nothingBefore.ExitCode);
        Assert.Contains("no version active before 1.0.0", nothingBefore.Error, StringComparison.Ordinal);
        Assert.Equal(1, neverActive.ExitCode);
        Assert.Contains("No engine 'unknown-engine'", neverActive.Error, StringComparison.Ordinal);
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM audit_events WHERE detail = 'rolled back from 1.2.0 to 1.0.0'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changed_defaults_under_a_registered_version_are_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await RunAsync(database, s => s.AddSingleton<IAnalysisEngine>(new ThresholdEngine()), "engine", "list");

        var changed = await RunAsync(database, s => s.AddSingleton<IAnalysisEngine>(new ThresholdEngine(threshold: 120)), "engine", "list");

        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("the changed engine needs a new Version", changed.Error, StringComparison.Ordinal);
    }

    private static Task<CommandResult> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync(database, s => AnalysisAppTest.AddEngines(s, new WaitingEngine()), args);

    private static Task<CommandResult> RunAsync(TestDatabase database, Action<IServiceCollection> engines, params string[] args) =>
        CommandRunner.RunWithServicesAsync(database, engines, "", args);
}
