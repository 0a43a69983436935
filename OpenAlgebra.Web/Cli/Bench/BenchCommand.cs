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
        return new Command("bench", "Benchmarks of the hot paths (Release build, medians of repeated runs).")
        {
            dicom, volume, search, render, ingest, Analysis(context), Spmv(context), Solve(context),
        };
    }

    private static Command Spmv(CommandContext context)
    {
        var n = new Option<int>("--n") { Description = "Grid side: the 2D Poisson is n×n, the 3D one about n^(2/3) per side, the random matrix n² rows.", DefaultValueFactory = _ => 1000 };
        var runs = new Option<int>("--runs") { Description = "Timed products per backend (after a warm-up).", DefaultValueFactory = _ => 50 };
        var triad = new Option<int>("--triad-mib") { Description = "MiB in each of the STREAM triad's three arrays; far above the last-level cache.", DefaultValueFactory = _ => 256 };
        var spmv = new Command("spmv", "y = A·x on 2D/3D Poisson and a random pattern: GFLOP/s, GB/s, % of the STREAM triad measured in the same run, MathNet's Multiply.")
        {
            n, runs, triad,
        };
        spmv.SetAction((parse, cancellationToken) => RunAsync(context, () =>
        {
            using var services = context.LinearAlgebraServices();
            return SpmvBench.Run(context.Output, parse.GetValue(n), parse.GetValue(runs), parse.GetValue(triad),
                services.GetRequiredService<Modules.LinearAlgebra.Backends.ILinearAlgebraBackendFactory>());
        }));
        return spmv;
    }

    private static Command Solve(CommandContext context)
    {
        var n = new Option<int>("--n") { Description = "Grid side of the 2D Poisson (n² unknowns).", DefaultValueFactory = _ => 1000 };
        var runs = new Option<int>("--runs") { Description = "Timed solves per method, ours and SciPy's.", DefaultValueFactory = _ => 3 };
        var backend = new Option<string>("--backend") { Description = "cpu, gpu or auto, for our solves.", DefaultValueFactory = _ => "cpu" };
        var solve = new Command("solve", "PCG to 1e-8 on the 2D Poisson with Jacobi and with AMG, against SciPy's cg with Jacobi in the same session.")
        {
            n, runs, backend,
        };
        solve.SetAction((parse, cancellationToken) => RunAsync(context, () =>
        {
            var preference = Modules.LinearAlgebra.Solvers.SolveOptionNames.ParseBackend(parse.GetValue(backend)!);
            using var services = context.LinearAlgebraServices();
            return SolveBench.Run(context.Output, parse.GetValue(n), parse.GetValue(runs), preference,
                services.GetRequiredService<Modules.LinearAlgebra.Solvers.ILinearSolver>());
        }));
        return solve;
    }

    private static Command Analysis(CommandContext context)
    {
        var analysisRuns = new Option<int>("--runs") { Description = "Timed runs per engine (after one warm-up).", DefaultValueFactory = _ => 5 };
        var walkerSize = new Option<int>("--walker-size") { Description = "Edge of the random-walker volume compared with scikit-image.", DefaultValueFactory = _ => 128 };
        var skimageRuns = new Option<int>("--skimage-runs") { Description = "Timed runs of scikit-image's random_walker (0 skips it).", DefaultValueFactory = _ => 3 };
        var largeWalkerSize = new Option<int>("--large-walker-size") { Description = "Edge of the larger random-walker volume (0 skips it).", DefaultValueFactory = _ => 256 };
        var largeRuns = new Option<int>("--large-runs") { Description = "Timed runs on the larger random-walker volume.", DefaultValueFactory = _ => 3 };
        var walkerSolver = new Option<string>("--solver") { Description = "random-walker's solver: cg_mg, cg_j or cg.", DefaultValueFactory = _ => "cg_mg" };
        var lungSlices = new Option<int>("--lung-slices") { Description = "Slices of the 512×512 chest CT for lung-ct (0 skips it).", DefaultValueFactory = _ => 300 };
        var analysis = new Command("analysis", "random-walker against scikit-image and lung-ct on synthetic volumes, all cores.")
        {
            analysisRuns, walkerSize, skimageRuns, largeWalkerSize, largeRuns, walkerSolver, lungSlices,
        };
        analysis.SetAction((parse, cancellationToken) => RunAsync(context, () =>
        {
            using var services = BenchServices.Create();
            var options = new AnalysisBenchOptions(parse.GetValue(analysisRuns), parse.GetValue(walkerSize), parse.GetValue(skimageRuns),
                parse.GetValue(largeWalkerSize), parse.GetValue(largeRuns), parse.GetValue(walkerSolver)!, parse.GetValue(lungSlices));
            return AnalysisBench.Run(context.Output, options, services.Services);
        }));
        return analysis;
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Modules.Imaging.Dicom.DicomFormatException or ArgumentException
            or InvalidOperationException or Modules.Inference.Engines.AnalysisInputException)
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
