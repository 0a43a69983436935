using Microsoft.Extensions.Configuration;
using OpenAlgebra.Web.Hosting;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// The modules over a throw-away data directory and site secret, deleted on dispose: a benchmark must not create or
/// touch real keys or data.
/// </summary>
internal sealed class BenchServices : IDisposable
{
    private readonly string _directory;
    private readonly ServiceProvider _services;

    private BenchServices(string directory, ServiceProvider services)
    {
        _directory = directory;
        _services = services;
    }

    public IServiceProvider Services => _services;

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public static BenchServices Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "openalgebra-bench-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAlgebra:DataDirectory"] = directory,
            ["OpenAlgebra:Deidentification:SiteSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }).Build();
        return new BenchServices(directory, new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new BenchEnvironment()).AddModules(configuration).BuildServiceProvider());
    }

    private sealed class BenchEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Bench";
        public string ApplicationName { get; set; } = "OpenAlgebra";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
