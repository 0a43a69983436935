using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Microsoft.Extensions.Logging;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Blobs.Packs;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Modules.Platform.Health;
using OpenAlgebra.Modules.Platform.Sql;
using StackExchange.Redis;

namespace OpenAlgebra.Modules.Platform;

public static class PlatformModule
{
    public const string PostgresConnectionName = "Postgres";
    public const string RedisConnectionName = "Redis";

    /// <summary>Database, migrations, blob store, cache, data-protection keys, job storage and their health checks.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.Section))
            .Validate(o => o.Database.Provider is DatabaseProviders.Sqlite or DatabaseProviders.Postgres,
                $"{PlatformOptions.Section}:Database:Provider must be '{DatabaseProviders.Sqlite}' or '{DatabaseProviders.Postgres}'.")
            .Validate(o => o.Jobs.GpuWorkers >= 1, $"{PlatformOptions.Section}:Jobs:GpuWorkers must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PlatformPaths>();
        services.AddSingleton<ServerLease>();

        var provider = configuration[$"{PlatformOptions.Section}:Database:Provider"] ?? DatabaseProviders.Sqlite;
        var postgres = configuration.GetConnectionString(PostgresConnectionName);
        var redis = configuration.GetConnectionString(RedisConnectionName);
        if (provider == DatabaseProviders.Postgres && string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException(
                $"{PlatformOptions.Section}:Database:Provider is postgres but ConnectionStrings:{PostgresConnectionName} is not set.");
        }

        AddDatabase(services, provider, postgres);
        AddBlobStore(services, configuration);
        AddEncryption(services, configuration);
        AddCacheAndKeys(services, redis);
        AddJobStorage(services, provider, postgres);
        services.AddSingleton(sp => ProductInfo.From(
            System.Reflection.Assembly.GetEntryAssembly() ?? typeof(PlatformModule).Assembly,
            $"{provider}/{sp.GetRequiredService<IBlobStore>().Kind}/{(string.IsNullOrWhiteSpace(redis) ? "memory" : "redis")}"));

        var health = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready])
            .AddCheck<BlobStoreHealthCheck>("blob-store", tags: [HealthTags.Ready])
            .AddCheck<JobStorageHealthCheck>("job-storage", tags: [HealthTags.Ready]);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            health.AddCheck<RedisHealthCheck>("cache", tags: [HealthTags.Ready]);
        }

        return services;
    }

    private static void AddDatabase(IServiceCollection services, string provider, string? postgres)
    {
        if (provider == DatabaseProviders.Postgres)
        {
            services.AddSingleton(_ => new PostgresDatabase(NpgsqlDataSource.Create(postgres!)));
            services.AddSingleton<ISqlDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        }
        else
        {
            services.AddSingleton<ISqlDatabase>(sp =>
            {
                var paths = sp.GetRequiredService<PlatformPaths>();
                Directory.CreateDirectory(paths.DataDirectory);
                return new SqliteDatabase(paths.DatabaseFile);
            });
        }

        services.AddSingleton<IDatabaseMigrator, DatabaseMigrator>();
    }

    private static void AddBlobStore(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(BlobOptions.Section).Get<BlobOptions>() ?? new BlobOptions();
        switch (options.Provider)
        {
            case "filesystem":
                services.AddSingleton<IBlobStore>(sp => new PackedBlobStore(sp.GetRequiredService<PlatformPaths>().BlobDirectory,
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PackedBlobStore>>()));
                break;
            case "s3":
                S3BlobStore.Validate(options.S3);
                services.AddSingleton<IBlobStore>(_ => new S3BlobStore(options.S3));
                break;
            default:
                throw new InvalidOperationException($"{BlobOptions.Section}:Provider must be 'filesystem' or 's3', not '{options.Provider}'.");
        }
    }

    private static void AddEncryption(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EncryptionOptions>().Bind(configuration.GetSection(EncryptionOptions.Section));
        services.AddSingleton(sp => MasterKeySource.Load(sp.GetRequiredService<IOptions<EncryptionOptions>>(),
            sp.GetRequiredService<PlatformPaths>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MasterKeySource))));
        services.AddSingleton<IIntegrityAlarm, LoggingIntegrityAlarm>();
        services.AddSingleton<IEncryptedObjectStore, EncryptedObjectStore>();
        services.AddSingleton<IMasterKeyRotation, MasterKeyRotation>();
    }

    private static void AddCacheAndKeys(IServiceCollection services, string? redis)
    {
        var keys = services.AddDataProtection().SetApplicationName("OpenAlgebra");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddDistributedMemoryCache();
            services.AddOptions<KeyManagementOptions>().Configure<PlatformPaths>((o, paths) =>
                o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(paths.KeyDirectory), NullLoggerFactory.Instance));
            return;
        }

        // AbortOnConnectFail=false: the app starts while Redis is down and reports it through readiness.
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        services.AddSingleton(_ => connection.Value);
        services.AddStackExchangeRedisCache(o => o.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Value));
        keys.PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), "openalgebra:data-protection-keys");
    }

    /// <remarks>
    /// Hangfire keeps its storage and job activator in statics (<c>JobStorage.Current</c>, <c>JobActivator.Current</c>)
    /// and by default hands those to each container. With two hosts in one process (the tests, <c>bench ingest</c>) one
    /// host's jobs would land in the other's storage or run in its services; so each container gets its own. The log
    /// provider stays process-wide, and <see cref="HangfireLogProvider"/> survives the host it came from.
    /// </remarks>
    private static void AddJobStorage(IServiceCollection services, string provider, string? postgres)
    {
        services.AddSingleton<JobStorage>(_ =>
        {
            if (provider != DatabaseProviders.Postgres)
            {
                return new InMemoryStorage();
            }

            // A job queued by this instance wakes a worker at once; one queued by another instance waits for the next
            // poll, every second rather than Hangfire's 15 (long polling would avoid the poll, but in Hangfire.PostgreSql
            // 1.21 its listener can fail a fetch after the job was taken, leaving the job invisible for 30 minutes).
            // The sliding invisibility timeout keeps an analysis that runs past 30 minutes from going to a second worker.
            var options = new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1), UseSlidingInvisibilityTimeout = true };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(postgres!, options), options);
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseStorage(sp.GetRequiredService<JobStorage>());
            if (sp.GetService<ILoggerFactory>() is { } loggers)
            {
                config.UseLogProvider(new HangfireLogProvider(loggers));
            }
        });
    }
}
