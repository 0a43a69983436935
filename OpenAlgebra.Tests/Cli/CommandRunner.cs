using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Tests.Infrastructure;
using OpenAlgebra.Web.Cli;

namespace OpenAlgebra.Tests.Cli;

internal sealed record CommandResult(int ExitCode, string Output, string Error);

internal static class CommandRunner
{
    /// <summary>Runs an admin command in process against the test database, as `dotnet OpenAlgebra.Web.dll …` would.</summary>
    public static Task<CommandResult> RunAsync(TestDatabase database, string stdin, params string[] args) =>
        RunWithServicesAsync(database, null, stdin, args);

    /// <param name="services">Adds services to the command's, e.g. test-only analysis engines.</param>
    public static async Task<CommandResult> RunWithServicesAsync(TestDatabase database, Action<IServiceCollection>? services, string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(args, new StringReader(stdin), output, error,
            configuration => configuration.AddInMemoryCollection(database.Settings), services);
        return new CommandResult(exit, output.ToString(), error.ToString());
    }
}
