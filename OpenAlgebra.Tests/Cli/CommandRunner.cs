using Microsoft.Extensions.Configuration;
using OpenAlgebra.Tests.Infrastructure;
using OpenAlgebra.Web.Cli;

namespace OpenAlgebra.Tests.Cli;

internal sealed record CommandResult(int ExitCode, string Output, string Error);

internal static class CommandRunner
{
    /// <summary>Runs an admin command in process against the test database, as `dotnet OpenAlgebra.Web.dll …` would.</summary>
    public static async Task<CommandResult> RunAsync(TestDatabase database, string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(args, new StringReader(stdin), output, error,
            configuration => configuration.AddInMemoryCollection(database.Settings));
        return new CommandResult(exit, output.ToString(), error.ToString());
    }
}
