using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Platform.Health;

internal sealed class DatabaseHealthCheck(ISqlDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var migrations = await connection.ExecuteScalarAsync<long>(
                new CommandDefinition("SELECT COUNT(*) FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{database.Dialect.Provider}, {migrations} migrations applied");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{database.Dialect.Provider} is not reachable: {e.Message}");
        }
    }
}
