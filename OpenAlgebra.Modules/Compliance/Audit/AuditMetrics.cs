using Prometheus;

namespace OpenAlgebra.Modules.Compliance.Audit;

internal static class AuditMetrics
{
    public static readonly Counter WriteFailures = Metrics.CreateCounter(
        "openalgebra_audit_write_failures_total",
        "Audit rows that could not be written; each one failed the action it described.");
}
