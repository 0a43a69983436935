using System.Data.Common;

namespace OpenAlgebra.Modules.Compliance.Audit;

/// <summary>The append-only, hash-chained audit trail (HIPAA 164.312(b), (c)).</summary>
public interface IAuditTrail
{
    /// <exception cref="AuditWriteException">The row was not written; the caller must not complete the audited action.</exception>
    Task<AuditRecord> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends inside the caller's write transaction (on this database), so that the audited change and its audit row
    /// commit together or not at all. Keep it the transaction's last statement: it holds the chain's head until commit.
    /// </summary>
    /// <exception cref="AuditWriteException">The row was not written; the caller must roll back.</exception>
    Task<AuditRecord> AppendAsync(DbConnection connection, DbTransaction transaction, AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads a page of the trail. Reading is itself audited (110101 Audit Log Used) before the page is returned.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, AuditActor reader, CancellationToken cancellationToken = default);

    /// <summary>Re-computes every row's hash from its content and its predecessor's hash.</summary>
    Task<AuditChainStatus> VerifyAsync(CancellationToken cancellationToken = default);
}
