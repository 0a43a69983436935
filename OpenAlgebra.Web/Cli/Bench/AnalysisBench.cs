using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// The analysis engines on synthetic volumes, all cores: <c>random-walker</c> with two labels on a seeded sphere
/// phantom against scikit-image's <c>random_walker</c> (mode <c>cg_j</c>, same β, tolerance and seeds, in Debian's
/// Python when python3-skimage is installed) in the same run, then on a larger grid; <c>lung-ct</c> on a 512×512 chest
/// CT, whose budget is the runbook's 10 s.
/// </summary>
internal static class AnalysisBench
{
    private const string Python = "/usr/bin/python3";
    private const string Skimage = "/usr/lib/python3/dist-packages/skimage";

    public static int Run(TextWriter output, AnalysisBenchOptions options, IServiceProvider services)
    {
        var engines = services.GetServices<IAnalysisEngine>().ToDictionary(e => e.Name, StringComparer.Ordinal);
        var walker = engines["random-walker"];
        RandomWalker(output, walker, options.WalkerSize, options.Runs, options.SkimageRuns, options.Solver, compare: true);
        RandomWalker(output, walker, options.LargeWalkerSize, options.LargeRuns, 0, options.Solver, compare: false);
        LungCt(output, engines["lung-ct"], options.LungSlices, options.Runs);
        return 0;
    }

    private static void RandomWalker(TextWriter output, IAnalysisEngine engine, int size, int runs, int skimageRuns, string solver, bool compare)
    {
        if (size <= 0 || runs <= 0)
        {
            return;
        }

        var sphere = ValidationPhantoms.SeededSphere(size, seed: 1);
        var request = sphere.Request with { Parameters = new JsonObject { ["solver"] = solver, ["beta"] = 130.0, ["tol"] = 1e-4 } };
        var seeded = request.Seeds.Sum(s => s.Value.Count);
        output.WriteLine($"seeded sphere {size}³ ({size * size * size} voxels, {seeded} seeds, 2 labels), β 130, tol 1e-4, solver {solver}");
        AnalysisOutput? last = null;
        var cpu = TimeSpan.Zero;
        var timing = BenchTiming.Measure($"random-walker {engine.Version} {size}³ ({solver})", runs, () =>
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            last = RunEngine(engine, request);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        }, warmups: runs > 1 ? 1 : 0);
        output.WriteLine(timing);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  CPU time of the last run {cpu.TotalSeconds:F2} s (all threads; wall time suffers first when the machine is busy)"));
        foreach (var solve in last!.Metrics["solves"]!.AsArray())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  label {solve!["label"]}: {solve["iterations"]} iterations to {solve["relativeResidual"]!.GetValue<double>():g2}, {solve["seconds"]!.GetValue<double>():F2} s in the solve"));
        }

        if (!compare || skimageRuns <= 0)
        {
            return;
        }

        if (!File.Exists(Python) || !Directory.Exists(Skimage))
        {
            output.WriteLine("scikit-image: not installed (Debian package python3-skimage), no comparison");
            return;
        }

        var skimage = SkimageRandomWalker(request, last.Mask!, skimageRuns);
        var medianSeconds = skimage.GetProperty("median").GetDouble();
        var skimageCpu = skimage.GetProperty("cpu").GetDouble();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{$"scikit-image {skimage.GetProperty("version").GetString()} random_walker cg_j {size}³",-44} median {medianSeconds * 1000,10:F2} ms   ({skimageRuns} runs)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  CPU time of the last run {skimageCpu:F2} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"speed-up {medianSeconds * 1e6 / timing.MedianMicroseconds:F1}× in wall time ({skimageCpu / cpu.TotalSeconds:F1}× in CPU time), Dice against scikit-image's labels {skimage.GetProperty("dice").GetDouble():F4}"));
    }

    private static void LungCt(TextWriter output, IAnalysisEngine engine, int slices, int runs)
    {
        if (slices <= 0 || runs <= 0)
        {
            return;
        }

        var chest = ValidationPhantoms.ChestCt(512, 512, slices, seed: 1);
        var volume = chest.Request.Volume;
        output.WriteLine($"synthetic chest CT 512×512×{slices} (float HU, {volume.Voxels.LongLength * sizeof(float) >> 20} MiB), spacing {volume.Spacing}");
        var timing = BenchTiming.Measure($"lung-ct {engine.Version} 512×512×{slices}", runs, () => RunEngine(engine, chest.Request), warmups: 1);
        output.WriteLine(timing);
        var scored = RunEngine(engine, chest.Request with { ReferenceMask = chest.Truth });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lung-ct found {scored.Metrics["lungs"]} lungs, mean Dice {scored.Metrics["meanDice"]!.GetValue<double>():F4} against the phantom's truth"));
    }

    /// <summary>Times scikit-image on the same volume (rescaled to [0, 1] as the engine does) and seeds; scores our labels against its.</summary>
    private static JsonElement SkimageRandomWalker(AnalysisRequest request, LabelMask ours, int runs)
    {
        var volume = request.Volume;
        var folder = Directory.CreateTempSubdirectory("openalgebra-bench-skimage-").FullName;
        try
        {
            var seeds = new byte[volume.Voxels.Length];
            foreach (var (label, voxels) in request.Seeds)
            {
                foreach (var v in voxels)
                {
                    seeds[(((long)v.K * volume.SizeY) + v.J) * volume.SizeX + v.I] = (byte)label;
                }
            }

            File.WriteAllBytes(Path.Combine(folder, "volume.f32"), MemoryMarshal.AsBytes(volume.Voxels.AsSpan()).ToArray());
            File.WriteAllBytes(Path.Combine(folder, "seeds.u8"), seeds);
            File.WriteAllBytes(Path.Combine(folder, "ours.u8"), ours.Labels);
            var script = string.Create(CultureInfo.InvariantCulture, $$"""
                import json, sys, time, warnings
                import numpy as np, skimage
                from skimage.segmentation import random_walker
                d, runs = sys.argv[1], int(sys.argv[2])
                shape = ({{volume.SizeZ}}, {{volume.SizeY}}, {{volume.SizeX}})
                data = np.fromfile(d + "/volume.f32", "<f4").reshape(shape).astype(np.float64)
                data = (data - data.min()) / (data.max() - data.min())
                seeds = np.fromfile(d + "/seeds.u8", np.uint8).reshape(shape).astype(np.int32)
                ours = np.fromfile(d + "/ours.u8", np.uint8).reshape(shape)
                times = []
                for _ in range(runs):
                    cpu = time.process_time()
                    start = time.perf_counter()
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        labels = random_walker(data, seeds, beta=130, mode="cg_j", tol=1e-4, spacing=({{volume.Spacing.K}}, {{volume.Spacing.J}}, {{volume.Spacing.I}}))
                    times.append(time.perf_counter() - start)
                    cpu = time.process_time() - cpu
                dice = np.mean([2 * np.sum((labels == l) & (ours == l)) / (np.sum(labels == l) + np.sum(ours == l)) for l in np.unique(seeds) if l > 0])
                json.dump({"version": skimage.__version__, "median": float(np.median(times)), "cpu": cpu, "dice": float(dice)}, sys.stdout)
                """);
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-c", script, folder, runs.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new IOException($"scikit-image's random_walker failed: {stderr.GetAwaiter().GetResult()}");
            }

            using var json = JsonDocument.Parse(stdout);
            return json.RootElement.Clone();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static AnalysisOutput RunEngine(IAnalysisEngine engine, AnalysisRequest request) =>
        engine.RunAsync(request, new Progress<AnalysisProgress>(), CancellationToken.None).GetAwaiter().GetResult();
}

/// <summary>What <c>bench analysis</c> runs: sizes and run counts (0 skips a part).</summary>
internal sealed record AnalysisBenchOptions(int Runs, int WalkerSize, int SkimageRuns, int LargeWalkerSize, int LargeRuns, string Solver, int LungSlices);
