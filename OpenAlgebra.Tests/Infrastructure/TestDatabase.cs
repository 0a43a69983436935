using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Imaging;
using OpenAlgebra.Modules.Inference;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated metadata database on either provider: a temporary SQLite file, or a new PostgreSQL
/// database created on the CI server and dropped afterwards.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresName;
    private readonly bool _ownsData;

    private TestDatabase(string provider, string dataDirectory, string? postgresName, Dictionary<string, string?> settings, TimeProvider clock, bool ownsData = true)
    {
        _ownsData = ownsData;
        Provider = provider;
        DataDirectory = dataDirectory;
        _postgresName = postgresName;
        Settings = settings;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock)
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment(dataDirectory))
            .AddSingleton<IConfiguration>(configuration)
            .AddPlatform(configuration)
            .AddCompliance(configuration)
            .AddImaging(configuration)
            .AddLinearAlgebra(configuration)
            .AddInference(configuration);
        ServiceProvider = services.BuildServiceProvider();
    }

    /// <summary>Theory data: every database the store code must run on.</summary>
    public static TheoryData<string> Providers => [DatabaseProviders.Sqlite, DatabaseProviders.Postgres];

    public string Provider { get; }

    public string DataDirectory { get; }

    /// <summary>Configuration that points the app or the command line at this database.</summary>
    public Dictionary<string, string?> Settings { get; }

    public ServiceProvider ServiceProvider { get; }

    public T Get<T>() where T : notnull => ServiceProvider.GetRequiredService<T>();

    /// <param name="clock">The clock of the services in <see cref="ServiceProvider"/>; the system clock by default.</param>
    /// <param name="settings">More configuration for the services (and for an app over this database).</param>
    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true, TimeProvider? clock = null, Dictionary<string, string?>? settings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("openalgebra-test-").FullName;
        settings = new Dictionary<string, string?>(settings ?? []) { ["OpenAlgebra:DataDirectory"] = dataDirectory, ["OpenAlgebra:Database:Provider"] = provider };
        string? name = null;
        if (provider == DatabaseProviders.Postgres)
        {
            var admin = Services.Postgres;
            name = "oa_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.ExecuteAsync($"CREATE DATABASE {name}");
            }

            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }

        var database = new TestDatabase(provider, dataDirectory, name, settings, clock ?? TimeProvider.System);
        if (migrate)
        {
            await database.Get<IDatabaseMigrator>().MigrateAsync();
        }

        return database;
    }

    /// <summary>A second set of services over the same database and data directory (as after a restart).</summary>
    public static Task<TestDatabase> ReopenAsync(TestDatabase other) =>
        Task.FromResult(new TestDatabase(other.Provider, other.DataDirectory, postgresName: null, other.Settings, TimeProvider.System, ownsData: false));

    /// <summary>Runs SQL as the database owner, bypassing the application (to tamper with rows, or to break things).</summary>
    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Get<ISqlDatabase>().OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Get<ISqlDatabase>().OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    /// <summary>Removes the audit trail's append-only triggers, as an intruder with database access could.</summary>
    public Task DropAuditTriggersAsync() => ExecuteAsync(Provider == DatabaseProviders.Postgres
        ? "DROP TRIGGER audit_events_no_change ON audit_events"
        : "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");

    /// <summary>Stops the database under a running app: drops the PostgreSQL database, or overwrites the SQLite file.</summary>
    public async Task BreakAsync()
    {
        if (_postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(Services.Postgres);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
            NpgsqlConnection.ClearAllPools();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = Path.Combine(DataDirectory, "openalgebra.db");
        File.Delete(file + "-wal");
        File.Delete(file + "-shm");
        await File.WriteAllBytesAsync(file, new byte[8192]);
    }

    public async ValueTask DisposeAsync()
    {
        await ServiceProvider.DisposeAsync();
        if (!_ownsData)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Services.Postgres);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background thread; the temp directory is cleaned by the OS.
        }
    }
}
