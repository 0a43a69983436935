using System.CommandLine;

namespace OpenAlgebra.Web.Cli;

internal static class MigrateCommand
{
    public static Command Build(CommandContext context)
    {
        var command = new Command("migrate", "Bring the database schema up to date (the server also does this at start).");
        command.SetAction((_, cancellationToken) => context.RunAsync(async (_, _) =>
        {
            // StartServicesAsync has migrated already; say what the schema is now.
            await context.Output.WriteLineAsync("schema is up to date");
            return 0;
        }, cancellationToken));
        return command;
    }
}
