using Microsoft.Extensions.Logging;
using Prometheus;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>The platform's own alarm: a critical log line and a counter. Compliance adds the audit row.</summary>
internal sealed partial class LoggingIntegrityAlarm(ILogger<LoggingIntegrityAlarm> logger) : IIntegrityAlarm
{
    private static readonly Counter Failures = Metrics.CreateCounter(
        "openalgebra_integrity_failures_total", "Stored objects refused because they failed authentication or their SHA-256.");

    public Task RaiseAsync(IntegrityException failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failures.Inc();
        LogFailure(logger, failure.ObjectKey, failure.Message);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Integrity failure on {ObjectKey}: {Reason}")]
    private static partial void LogFailure(ILogger logger, string objectKey, string reason);
}
