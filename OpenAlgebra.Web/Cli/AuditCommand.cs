using System.CommandLine;
using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Web.Cli;

internal static class AuditCommand
{
    public static Command Build(CommandContext context)
    {
        var verify = new Command("verify", "Re-compute the audit hash chain; exit 0 when whole, 3 naming the first bad row otherwise.");
        verify.SetAction((_, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var trail = services.GetRequiredService<IAuditTrail>();
            var status = await trail.VerifyAsync(ct);
            await trail.RecordAsync(new AuditEvent(new AuditActor("cli", [], null), AuditEventIds.AuditLogUsed, AuditActions.Execute,
                status.Intact ? AuditOutcomes.Success : AuditOutcomes.SeriousFailure, ObjectType: "audit-log",
                Detail: $"chain verification: {status.Message}"), ct);
            if (status.Intact)
            {
                await context.Output.WriteLineAsync($"audit chain intact: {status.RowsChecked} rows verified");
                return 0;
            }

            await context.Error.WriteLineAsync($"audit chain BROKEN at row {status.FirstBadSequence}: {status.Message}");
            return 3;
        }, cancellationToken));
        return new Command("audit", "Audit trail tools.") { verify };
    }
}
