using Hangfire;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Platform;

/// <summary>
/// Hangfire keeps a storage and a job activator in process-wide globals, which every host configures in turn; each
/// container must still use its own, or two hosts in one process (parallel tests) queue and run each other's jobs.
/// </summary>
public sealed class JobIsolationTests
{
    [Fact]
    public async Task A_container_keeps_its_own_job_storage_and_activator_after_another_configures_hangfire()
    {
        await using var first = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var second = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);

        // The first host configures Hangfire, then the second does, then the first resolves its job services.
        first.Get<IGlobalConfiguration>();
        second.Get<IGlobalConfiguration>();
        var storage = first.Get<JobStorage>();
        using var scope = first.Get<JobActivator>().BeginScope((JobActivatorContext)null!);
        var probe = (ContainerProbe)scope.Resolve(typeof(ContainerProbe));

        Assert.NotSame(second.Get<JobStorage>(), storage);
        Assert.Same(storage, first.Get<JobStorage>());
        Assert.Equal(first.DataDirectory, probe.DataDirectory);
    }
}

/// <summary>A job class whose dependency tells which container activated it.</summary>
public sealed class ContainerProbe(PlatformPaths paths)
{
    public string DataDirectory => paths.DataDirectory;
}
