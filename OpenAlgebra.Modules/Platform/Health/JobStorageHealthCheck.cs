using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenAlgebra.Modules.Platform.Health;

internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var statistics = storage.GetMonitoringApi().GetStatistics();
            return Task.FromResult(HealthCheckResult.Healthy($"{statistics.Servers} job servers, {statistics.Enqueued} enqueued"));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Job storage is not reachable: {e.Message}"));
        }
    }
}
