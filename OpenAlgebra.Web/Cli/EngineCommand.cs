using System.CommandLine;
using System.Globalization;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Inference.Registry;

namespace OpenAlgebra.Web.Cli;

/// <summary>
/// <c>engine list|validate|activate|rollback</c>: the engine registry. <c>validate</c> exits 3 when the version scores
/// under the gate; <c>activate</c> of such a version is refused with exit 1 and the score on stderr.
/// </summary>
internal static class EngineCommand
{
    private static readonly AuditActor Cli = new("cli", [], null);

    public static Command Build(CommandContext context)
    {
        var list = new Command("list", "Engines with their registered versions, validation scores and the active version.");
        list.SetAction((_, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            await WriteAsync(context.Output, await services.GetRequiredService<IEngineRegistry>().ListAsync(ct));
            return 0;
        }, cancellationToken));

        var validateEngine = new Argument<string>("engine") { Description = "The engine, e.g. random-walker." };
        var validateVersion = new Argument<string?>("version") { Description = "The version; this build's when left out.", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "Run the engine's validation phantoms, print Dice per case and their mean, and store the record.")
        {
            validateEngine, validateVersion,
        };
        validate.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var progress = new CaseWriter(context.Output);
            var result = await services.GetRequiredService<IEngineRegistry>().ValidateAsync(parse.GetValue(validateEngine)!, parse.GetValue(validateVersion), Cli,
                progress, ct);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.Engine} {result.Version}: mean Dice {result.MeanDice:0.0000} over {result.Cases.Count} cases, gate {result.Gate:0.00}: {(result.Passed ? "passed" : "NOT passed")}"));
            return result.Passed ? 0 : 3;
        }, cancellationToken));

        var activateEngine = new Argument<string>("engine") { Description = "The engine." };
        var activateVersion = new Argument<string>("version") { Description = "A validated version whose Dice passes the gate." };
        var activate = new Command("activate", "Make a validated version the one analyses run by default.") { activateEngine, activateVersion };
        activate.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var engine = await services.GetRequiredService<IEngineRegistry>().ActivateAsync(parse.GetValue(activateEngine)!, parse.GetValue(activateVersion)!, Cli, ct);
            await context.Output.WriteLineAsync($"{engine.Name}: {engine.ActiveVersion} is active");
            return 0;
        }, cancellationToken));

        var rollbackEngine = new Argument<string>("engine") { Description = "The engine." };
        var rollback = new Command("rollback", "Make the previously active version active again.") { rollbackEngine };
        rollback.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var engine = await services.GetRequiredService<IEngineRegistry>().RollbackAsync(parse.GetValue(rollbackEngine)!, Cli, ct);
            await context.Output.WriteLineAsync($"{engine.Name}: rolled back, {engine.ActiveVersion} is active");
            return 0;
        }, cancellationToken));

        return new Command("engine", "The analysis engine registry: versions, validation gate, activation, rollback.") { list, validate, activate, rollback };
    }

    private static async Task WriteAsync(TextWriter output, IReadOnlyList<EngineSummary> engines)
    {
        if (engines.Count == 0)
        {
            await output.WriteLineAsync("no engines are installed");
            return;
        }

        await output.WriteLineAsync($"{"ENGINE",-16} {"VERSION",-12} {"ACTIVE",-6} {"DICE",-7} {"GATE",-8} {"IN BUILD",-8} VALIDATED");
        foreach (var engine in engines)
        {
            foreach (var version in engine.Versions)
            {
                var validation = version.Validation;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{engine.Name,-16} {version.Version,-12} {(version.Active ? "*" : ""),-6} {(validation is null ? "-" : validation.MeanDice.ToString("0.0000", CultureInfo.InvariantCulture)),-7} {(validation is null ? "-" : validation.Passed ? "passed" : "failed"),-8} {(version.InThisBuild ? "yes" : "no"),-8} {(validation is null ? "never" : $"{validation.ValidatedAt:yyyy-MM-dd HH:mm} by {validation.ValidatedBy}")}"));
            }
        }
    }

    /// <summary>Prints each validation case as it finishes (synchronously: Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class CaseWriter(TextWriter output) : IProgress<ValidationCaseScore>
    {
        public void Report(ValidationCaseScore value) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {value.Name}: Dice {value.Dice:0.0000}{(value.Note is null ? "" : $" ({value.Note})")}"));
    }
}
