using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Web.Hosting;

internal static class StartupTasks
{
    /// <summary>The data directory's lease, schema, then the first administrator, then an Application Start audit row.
    /// Upload temp files that a crash left behind (identified data) are swept too, and unfinished analyses are queued again.</summary>
    public static async Task InitializeAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        // First: the sweeps below ask it whether what is half-done in the data directory can belong to a live server.
        services.GetRequiredService<ServerLease>().Acquire();
        await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken);
        services.GetRequiredService<IUploadSpooler>().DeleteStaleFiles();
        string? generated;
        try
        {
            generated = await services.GetRequiredService<IAccountService>()
                .EnsureInitialAdminAsync(configuration["OPENALGEBRA_ADMIN_PASSWORD"], cancellationToken);
        }
        catch (AccountValidationException e)
        {
            throw new InvalidOperationException($"OPENALGEBRA_ADMIN_PASSWORD cannot be used for the first administrator: {e.Message}", e);
        }

        if (generated is not null)
        {
            // Printed once, to the console only: it is never logged or stored in clear.
            Console.WriteLine($"""

                ================================================================
                 First start: created user 'admin' (roles Admin, Ops).
                 Password: {generated}
                 It will not be shown again. Sign in and keep it safe.
                ================================================================

                """);
        }

        // Objects a crash left between writing and indexing: nothing refers to them, so they go.
        await services.GetRequiredService<Modules.Imaging.Ingest.IOrphanSweeper>().SweepAsync(cancellationToken);
        // Engine versions registered, and (embedded profile) analyses the stopped process had queued or running queued again.
        await services.GetRequiredService<Modules.Inference.IInferenceStartup>().StartAsync(cancellationToken);

        var info = services.GetRequiredService<ProductInfo>();
        await services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(AuditActor.System, AuditEventIds.ApplicationActivity,
            AuditActions.Execute, AuditOutcomes.Success, AuditEventTypes.ApplicationStart, "application", info.Version,
            $"started {info.Version} ({info.Commit}), profile {info.Profile}"), cancellationToken);
    }
}
