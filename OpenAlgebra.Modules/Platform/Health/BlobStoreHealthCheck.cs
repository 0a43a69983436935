using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Modules.Platform.Health;

internal sealed class BlobStoreHealthCheck(IBlobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(store.Kind);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.Kind} blob store failed its probe: {e.Message}");
        }
    }
}
