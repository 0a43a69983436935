using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Jobs;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class LinearAlgebraJobRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Jobs_queued_or_cut_off_before_a_restart_run_when_the_server_starts_again(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, settings: new() { ["OpenAlgebra:LinearAlgebra:InlineMaxNonZeros"] = "0" });
        var owner = await database.Get<IAccountService>().CreateUserAsync("clinician", [Roles.Clinician], AppFactory.ClinicianPassword, AuditActor.System, Ct);
        SolveJob queued, cutOff;
        // A server that accepted two jobs and stopped: no worker took the first, and the second's worker died mid-solve.
        await using (var stopped = ModuleServices(database))
        {
            await stopped.GetRequiredService<IDatabaseMigrator>().MigrateAsync(Ct);
            var requests = stopped.GetRequiredService<ISolveRequests>();
            var options = new SolveOptions { Preconditioner = PreconditionerKind.Jacobi };
            queued = (await requests.SubmitAsync(new SolveRequest(ModelProblems.Poisson2D(8), null, options, owner.Id), Ct)).Job;
            cutOff = (await requests.SubmitAsync(new SolveRequest(ModelProblems.Poisson2D(9), null, options, owner.Id), Ct)).Job;
        }

        await database.ExecuteAsync("UPDATE linalg_jobs SET state = 'Running', attempts = 1, run_id = 'dead' WHERE id = @id", new { id = cutOff.Id });
        Assert.Equal(SolveJobState.Queued, queued.State);

        await using var app = new AppFactory(database);
        var clinician = await app.ClinicianAsync();

        foreach (var job in new[] { queued, cutOff })
        {
            var finished = await LinearAlgebraApiTests.FinishedAsync(clinician, $"/api/linalg/jobs/{job.Id}");
            Assert.Equal("Succeeded", finished.GetProperty("state").GetString());
            Assert.True(finished.GetProperty("result").GetProperty("converged").GetBoolean());
        }

        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT SUM(attempts) FROM linalg_jobs"));
    }

    private static ServiceProvider ModuleServices(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment(database.DataDirectory))
            .AddSingleton<IConfiguration>(configuration)
            .AddPlatform(configuration)
            .AddLinearAlgebra(configuration)
            .BuildServiceProvider();
    }
}
