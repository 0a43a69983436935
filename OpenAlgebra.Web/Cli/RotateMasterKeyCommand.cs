using System.CommandLine;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Web.Cli;

internal static class RotateMasterKeyCommand
{
    public static Command Build(CommandContext context)
    {
        var command = new Command("rotate-master-key",
            "Re-wrap every object's data key under the current master key (data is not re-encrypted). Stop the server first, or restart it after.");
        command.SetAction((_, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var result = await services.GetRequiredService<IMasterKeyRotation>().RotateAsync(ct);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(new AuditActor("cli", [], null),
                AuditEventIds.SecurityAlert, AuditActions.Update, AuditOutcomes.Success, AuditEventTypes.SecurityConfiguration, "master-key",
                result.CurrentKeyId, $"master key rotated from {result.PreviousKeyId} to {result.CurrentKeyId}; {result.DataKeysRewrapped} data keys re-wrapped"), ct);
            await context.Output.WriteLineAsync(result.KeyGenerated
                ? $"generated master key {result.CurrentKeyId} (was {result.PreviousKeyId}); re-wrapped {result.DataKeysRewrapped} data keys; the old key is deleted"
                : $"re-wrapped {result.DataKeysRewrapped} data keys under master key {result.CurrentKeyId}; remove the old key from PreviousMasterKeys");
            return 0;
        }, cancellationToken));
        return command;
    }
}
