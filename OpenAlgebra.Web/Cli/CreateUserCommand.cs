using System.CommandLine;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Web.Cli;

internal static class CreateUserCommand
{
    public static Command Build(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "User name (letters, digits, '.', '_', '-', '@')." };
        var roles = new Argument<string>("roles") { Description = $"One or more of {string.Join(", ", Roles.All)}, comma-separated." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var command = new Command("create-user", "Create a user with one or more roles.") { name, roles, passwordStdin };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var password = parse.GetValue(passwordStdin) ? await context.Input.ReadLineAsync(ct) : ReadHidden(context);
            if (string.IsNullOrEmpty(password))
            {
                await context.Error.WriteLineAsync("error: no password given (pipe it with --password-stdin, or type it at the prompt).");
                return 2;
            }

            var user = await services.GetRequiredService<IAccountService>().CreateUserAsync(
                parse.GetValue(name)!, Roles.Parse(parse.GetValue(roles)!), password, new AuditActor("cli", [], null), ct);
            await context.Output.WriteLineAsync($"created user {user.UserName} ({string.Join(", ", user.Roles)}), id {user.Id}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string? ReadHidden(CommandContext context)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        string? first = Prompt(context, "Password: ");
        string? second = Prompt(context, "Repeat password: ");
        return first == second ? first : throw new ArgumentException("The two passwords differ.");
    }

    private static string Prompt(CommandContext context, string label)
    {
        context.Output.Write(label);
        var chars = new List<char>();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                if (chars.Count > 0) chars.RemoveAt(chars.Count - 1);
            }
            else
            {
                chars.Add(key.KeyChar);
            }
        }

        context.Output.WriteLine();
        return new string([.. chars]);
    }
}
