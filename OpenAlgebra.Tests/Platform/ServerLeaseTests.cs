using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Imaging.Pixels;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Platform;

public sealed class ServerLeaseTests
{
    [Fact]
    public void Only_a_server_alone_on_its_data_directory_may_treat_older_work_as_abandoned()
    {
        using var folder = new TempFolder();
        using var first = Lease(folder.Path, DatabaseProviders.Sqlite);
        Assert.Null(first.FilesAbandonedBefore);

        first.Acquire();
        using (var second = Lease(folder.Path, DatabaseProviders.Sqlite))
        {
            second.Acquire();

            Assert.NotNull(first.FilesAbandonedBefore);
            Assert.Equal(first.FilesAbandonedBefore, first.DatabaseWorkAbandonedBefore);
            Assert.Null(second.FilesAbandonedBefore);
            Assert.Null(second.DatabaseWorkAbandonedBefore);
        }

        Assert.Throws<InvalidOperationException>(first.Acquire);
        first.Dispose();
        using var third = Lease(folder.Path, DatabaseProviders.Sqlite);
        third.Acquire();
        Assert.NotNull(third.FilesAbandonedBefore);
    }

    [Fact]
    public void A_PostgreSQL_database_may_be_shared_with_servers_on_other_data_directories()
    {
        using var folder = new TempFolder();
        using var lease = Lease(folder.Path, DatabaseProviders.Postgres);

        lease.Acquire();

        Assert.NotNull(lease.FilesAbandonedBefore);
        Assert.Null(lease.DatabaseWorkAbandonedBefore);
    }

    private static ServerLease Lease(string dataDirectory, string provider)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new PlatformOptions { DataDirectory = dataDirectory, Database = new() { Provider = provider } });
        return new ServerLease(new PlatformPaths(options, new TestHostEnvironment(dataDirectory)), options, TimeProvider.System);
    }
}
