using Microsoft.Extensions.Configuration;
using OpenAlgebra.Web.Hosting;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>The modules with a throw-away data directory and site secret: a benchmark must not create or touch real keys.</summary>
internal static class BenchServices
{
    public static ServiceProvider Create()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAlgebra:DataDirectory"] = Path.Combine(Path.GetTempPath(), "openalgebra-bench"),
            ["OpenAlgebra:Deidentification:SiteSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }).Build();
        return new ServiceCollection().AddLogging().AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new BenchEnvironment())
            .AddModules(configuration).BuildServiceProvider();
    }

    private sealed class BenchEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Bench";
        public string ApplicationName { get; set; } = "OpenAlgebra";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
