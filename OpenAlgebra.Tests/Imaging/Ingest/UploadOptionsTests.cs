using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Imaging;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Imaging.Pixels;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Ingest;

public sealed class UploadOptionsTests
{
    [Fact]
    public void The_defaults_are_the_documented_limits()
    {
        using var provider = Provider([]);
        var options = provider.GetRequiredService<IOptions<UploadOptions>>().Value;

        Assert.Equal((2L << 30, 1L << 30, 5000, (string?)null), (options.MaxRequestBytes, options.MaxFileBytes, options.MaxFiles, options.TempDirectory));
        Assert.Equal((10_000, 4L << 30, 100, 1), (options.Zip.MaxEntries, options.Zip.MaxUncompressedBytes, options.Zip.MaxCompressionRatio, options.Zip.MaxNesting));
    }

    [Fact]
    public void Configuration_binds_every_limit_and_a_relative_temp_folder_lies_under_the_data_directory()
    {
        using var folder = new TempFolder();
        using var provider = Provider(new()
        {
            ["OpenAlgebra:DataDirectory"] = folder.Path,
            ["OpenAlgebra:Upload:MaxRequestBytes"] = "1000",
            ["OpenAlgebra:Upload:MaxFileBytes"] = "900",
            ["OpenAlgebra:Upload:MaxFiles"] = "3",
            ["OpenAlgebra:Upload:TempDirectory"] = "spool",
            ["OpenAlgebra:Upload:Zip:MaxEntries"] = "7",
            ["OpenAlgebra:Upload:Zip:MaxUncompressedBytes"] = "5000",
            ["OpenAlgebra:Upload:Zip:MaxCompressionRatio"] = "20",
            ["OpenAlgebra:Upload:Zip:MaxNesting"] = "0",
        });
        var options = provider.GetRequiredService<IOptions<UploadOptions>>().Value;

        Assert.Equal((1000L, 900L, 3, 7, 5000L, 20, 0), (options.MaxRequestBytes, options.MaxFileBytes, options.MaxFiles, options.Zip.MaxEntries,
            options.Zip.MaxUncompressedBytes, options.Zip.MaxCompressionRatio, options.Zip.MaxNesting));
        var spooler = Assert.IsType<UploadSpooler>(provider.GetRequiredService<IUploadSpooler>());
        Assert.Equal(Path.Combine(folder.Path, "spool"), spooler.TempRoot);
    }

    [Fact]
    public void Unusable_values_are_refused_at_start_naming_each_key()
    {
        using var provider = Provider(new()
        {
            ["OpenAlgebra:Upload:MaxRequestBytes"] = "0",
            ["OpenAlgebra:Upload:MaxFileBytes"] = "-1",
            ["OpenAlgebra:Upload:MaxFiles"] = "0",
            ["OpenAlgebra:Upload:TempDirectory"] = "  ",
            ["OpenAlgebra:Upload:Zip:MaxEntries"] = "0",
            ["OpenAlgebra:Upload:Zip:MaxUncompressedBytes"] = "0",
            ["OpenAlgebra:Upload:Zip:MaxCompressionRatio"] = "0",
            ["OpenAlgebra:Upload:Zip:MaxNesting"] = "2",
        });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<UploadOptions>>().Value);
        Assert.Equal(
            [
                "OpenAlgebra:Upload:MaxRequestBytes must be at least 1, not 0.",
                "OpenAlgebra:Upload:MaxFileBytes must be at least 1, not -1.",
                "OpenAlgebra:Upload:MaxFiles must be at least 1, not 0.",
                "OpenAlgebra:Upload:Zip:MaxEntries must be at least 1, not 0.",
                "OpenAlgebra:Upload:Zip:MaxUncompressedBytes must be at least 1, not 0.",
                "OpenAlgebra:Upload:Zip:MaxCompressionRatio must be at least 1, not 0.",
                "OpenAlgebra:Upload:Zip:MaxNesting must be 0 (a zip inside a zip is refused) or 1 (one level is opened), not 2.",
                "OpenAlgebra:Upload:TempDirectory must be a folder path; leave it unset for <data>/tmp/uploads.",
            ],
            e.Failures);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.Section));
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(Path.GetTempPath()));
        services.AddSingleton<PlatformPaths>();
        services.AddSingleton<ServerLease>();
        return services.AddImaging(configuration).BuildServiceProvider();
    }
}
