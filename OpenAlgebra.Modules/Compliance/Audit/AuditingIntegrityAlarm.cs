using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Compliance.Audit;

/// <summary>An object that fails its integrity check is a Security Alert (110113) in the audit trail.</summary>
internal sealed class AuditingIntegrityAlarm(IAuditTrail trail) : IIntegrityAlarm
{
    public async Task RaiseAsync(IntegrityException failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await trail.RecordAsync(new AuditEvent(AuditActor.System, AuditEventIds.SecurityAlert, AuditActions.Read, AuditOutcomes.MajorFailure,
            ObjectType: "object", ObjectId: failure.ObjectKey, Detail: failure.Message), cancellationToken).ConfigureAwait(false);
    }
}
