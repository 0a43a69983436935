using System.CommandLine;
using System.Diagnostics;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// `bench &lt;workload&gt;`: repeatable timings of the hot paths, for the numbers the issues ask for. Run it from a
/// Release build (`dotnet run -c Release --project OpenAlgebra.Web -- bench dicom`); it refuses to pretend otherwise.
/// </summary>
internal static class BenchCommand
{
    public static Command Build(CommandContext context)
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs per operation (after a warm-up).", DefaultValueFactory = _ => 200 };
        var file = new Option<FileInfo?>("--file") { Description = "A DICOM file to use instead of the synthetic 512×512 CT instance." };
        var dicom = new Command("dicom", "Parse and write (and de-identify) one CT instance on one core; compares with dcmtk when installed.") { runs, file };
        dicom.SetAction((parse, cancellationToken) => RunAsync(context, () => DicomBench.Run(context.Output, parse.GetValue(runs), parse.GetValue(file))));
        var volumeRuns = new Option<int>("--runs") { Description = "Timed runs (after a warm-up).", DefaultValueFactory = _ => 10 };
        var slices = new Option<int>("--slices") { Description = "Slices in the series.", DefaultValueFactory = _ => 300 };
        var volume = new Command("volume", "A CT series (512×512, 300 slices by default) from file bytes to a volume in HU, on all cores.") { volumeRuns, slices };
        volume.SetAction((parse, cancellationToken) => RunAsync(context, () =>
        {
            using var services = BenchServices.Create();
            return VolumeBench.Run(context.Output, parse.GetValue(volumeRuns), parse.GetValue(slices), services.Services);
        }));
        var searchRuns = new Option<int>("--runs") { Description = "Timed runs per search (after a warm-up).", DefaultValueFactory = _ => 200 };
        var studies = new Option<int>("--studies") { Description = "Studies in the index.", DefaultValueFactory = _ => 10_000 };
        var search = new Command("search", "Study-list searches over an index of 10,000 studies (embedded SQLite); reports p95.") { searchRuns, studies };
        search.SetAction((parse, cancellationToken) => RunAsync(context, () =>
        {
            using var services = BenchServices.Create();
            return SearchBench.RunAsync(context.Output, parse.GetValue(studies), parse.GetValue(searchRuns), services.Services).GetAwaiter().GetResult();
        }));
        var renderRuns = new Option<int>("--runs") { Description = "Timed runs per plane and output (after a warm-up).", DefaultValueFactory = _ => 200 };
        var renderSlices = new Option<int>("--slices") { Description = "Slices in the volume (coronal and sagittal slices are 512 × this).", DefaultValueFactory = _ => 300 };
        var render = new Command("render", "The middle slice of each plane of a synthetic 512×512 CT volume as 8-bit levels and as PNG, on one core.") { renderRuns, renderSlices };
        render.SetAction((parse, cancellationToken) => RunAsync(context, () =>
        {
            using var services = BenchServices.Create();
            return RenderBench.Run(context.Output, parse.GetValue(renderRuns), parse.GetValue(renderSlices), services.Services);
        }));
        var ingestInstances = new Option<int>("--instances") { Description = "Instances to upload to each server.", DefaultValueFactory = _ => 3500 };
        var ingestConcurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 4 };
        // Our server reaches its steady state once the just-in-time compiler has tiered up its hot paths: a few thousand requests.
        var ingestWarmup = new Option<int?>("--warmup")
        {
            Description = "Of those, how many each server gets first, untimed (default: all but the last 1000, or half when fewer than 2000).",
        };
        var ingest = new Command("ingest", "Upload rate of POST /api/studies against Debian's Orthanc POST /instances, same files, concurrency and warm-up.")
        {
            ingestInstances, ingestConcurrency, ingestWarmup,
        };
        ingest.SetAction((parse, cancellationToken) => RunAsync(context, () =>
        {
            var instances = parse.GetValue(ingestInstances);
            var warmup = parse.GetValue(ingestWarmup) ?? (instances >= 2000 ? instances - 1000 : instances / 2);
            return IngestBench.RunAsync(context.Output, instances, parse.GetValue(ingestConcurrency), warmup).GetAwaiter().GetResult();
        }));
        return new Command("bench", "Benchmarks of the hot paths (Release build, medians of repeated runs).") { dicom, volume, search, render, ingest };
    }

    private static async Task<int> RunAsync(CommandContext context, Func<int> body)
    {
#if DEBUG
        await context.Error.WriteLineAsync("warning: this is a Debug build; numbers are not representative (use -c Release).");
#endif
        await context.Output.WriteLineAsync($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        try
        {
            return body();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Modules.Imaging.Dicom.DicomFormatException)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>Pins this process to one core for the duration, so "on one core" means exactly that.</summary>
    internal static IDisposable OneCore() =>
        OperatingSystem.IsLinux() || OperatingSystem.IsWindows() ? new PinnedToOneCore() : new Unpinned();

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private sealed class PinnedToOneCore : IDisposable
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private readonly nint _previous;

        public PinnedToOneCore()
        {
            _previous = _process.ProcessorAffinity;
            _process.ProcessorAffinity = 1;
        }

        public void Dispose()
        {
            _process.ProcessorAffinity = _previous;
            _process.Dispose();
        }
    }

    /// <summary>Where affinity cannot be set, the numbers say "all cores" by the header line's core count.</summary>
    private sealed class Unpinned : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
