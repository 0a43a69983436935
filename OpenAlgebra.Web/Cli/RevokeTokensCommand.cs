using System.CommandLine;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Tokens;

namespace OpenAlgebra.Web.Cli;

internal static class RevokeTokensCommand
{
    public static Command Build(CommandContext context)
    {
        var name = new Argument<string?>("name") { Description = "Whose tokens; every user's when left out.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("revoke-tokens", "Revoke every live API token of one user, or of all users.") { name };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var user = parse.GetValue(name);
            var count = await services.GetRequiredService<IApiTokenService>().RevokeAllAsync(user, new AuditActor("cli", [], null), ct);
            await context.Output.WriteLineAsync($"revoked {count} API tokens of {user ?? "every user"}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
