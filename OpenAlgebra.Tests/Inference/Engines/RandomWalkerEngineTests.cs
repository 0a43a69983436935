using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Metrics;
using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Tests.Inference.Engines;

public sealed class RandomWalkerEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IAnalysisEngine Engine => InferenceServices.Engine("random-walker");

    [Fact]
    public async Task Each_phantom_passes_the_gate_with_every_label_above_it()
    {
        foreach (var validation in Engine.ValidationCases())
        {
            var output = await Run(validation.Request);

            var overlaps = LabelOverlap.Measure(output.Mask!, validation.Truth, Ct);
            var report = $"{validation.Name}: {string.Join(", ", overlaps.Select(o => $"label {o.Label} Dice {o.Dice:F4}"))}; {output.Metrics["solves"]!.ToJsonString()}";
            Assert.True(ValidationScore.Of(validation, output, Ct) >= ValidationScore.Gate, report);
            Assert.All(overlaps, o => Assert.True(o.Dice >= ValidationScore.Gate, report));
            Assert.All(output.Metrics["solves"]!.AsArray(), s => Assert.True(s!["converged"]!.GetValue<bool>(), report));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task The_segmentation_agrees_with_scikit_images_random_walker_cg_j(int phantom)
    {
        var validation = Engine.ValidationCases().ElementAt(phantom);
        var request = validation.Request with { Parameters = new JsonObject { ["solver"] = "cg_j", ["beta"] = 130.0, ["tol"] = 1e-4 } };
        var output = await Run(request);

        var volume = request.Volume;
        var seeds = new byte[volume.Voxels.Length];
        foreach (var (label, voxels) in request.Seeds)
        {
            foreach (var v in voxels)
            {
                seeds[(((v.K * volume.SizeY) + v.J) * volume.SizeX) + v.I] = (byte)label;
            }
        }

        using var python = new ScientificPython();
        python.Write("volume.f32", volume.Voxels);
        python.Write("seeds.u8", seeds);
        var spacing = string.Create(CultureInfo.InvariantCulture, $"({volume.Spacing.K}, {volume.Spacing.J}, {volume.Spacing.I})");
        await python.RunAsync($$"""
            import json, sys, warnings
            import numpy as np
            from skimage.segmentation import random_walker
            d = sys.argv[1]
            shape = ({{volume.SizeZ}}, {{volume.SizeY}}, {{volume.SizeX}})
            data = np.fromfile(d + "/volume.f32", "<f4").reshape(shape).astype(np.float64)
            data = (data - data.min()) / (data.max() - data.min())
            seeds = np.fromfile(d + "/seeds.u8", np.uint8).reshape(shape).astype(np.int32)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                labels = random_walker(data, seeds, beta=130, mode="cg_j", tol=1e-4, spacing={{spacing}})
            labels.astype(np.uint8).tofile(d + "/labels.u8")
            json.dump({}, sys.stdout)
            """, Ct);
        var skimage = new LabelMask(volume.SizeX, volume.SizeY, volume.SizeZ, python.Read<byte>("labels.u8"));

        var overlaps = LabelOverlap.Measure(output.Mask!, skimage, Ct);
        Assert.Equal(request.Seeds.Keys.Order(), overlaps.Select(o => o.Label));
        Assert.All(overlaps, o => Assert.True(o.Dice >= 0.98, $"label {o.Label}: Dice {o.Dice} against scikit-image"));
    }

    [Fact]
    public async Task Probabilities_sum_to_one_and_seeds_keep_their_labels()
    {
        var request = Engine.ValidationCases().Last().Request;

        var output = await Run(request);

        Assert.Equal(request.Seeds.Keys.Order(), output.Probabilities.Select(p => p.Label));
        for (var n = 0; n < request.Volume.Voxels.Length; n += 97)
        {
            Assert.Equal(1, output.Probabilities.Sum(p => p.Probabilities[n]), 4);
        }

        foreach (var (label, voxels) in request.Seeds)
        {
            Assert.All(voxels, v => Assert.Equal(label, output.Mask![v.I, v.J, v.K]));
        }
    }

    [Fact]
    public async Task A_seed_label_volume_seeds_like_voxel_lists()
    {
        var request = Engine.ValidationCases().First().Request;
        var volume = request.Volume;
        var labels = new byte[volume.Voxels.Length];
        foreach (var (label, voxels) in request.Seeds)
        {
            foreach (var v in voxels)
            {
                labels[(((v.K * volume.SizeY) + v.J) * volume.SizeX) + v.I] = (byte)label;
            }
        }

        var fromLists = await Run(request);
        var fromVolume = await Run(request with
        {
            Seeds = new Dictionary<int, IReadOnlyList<VoxelIndex>>(),
            Mask = new LabelMask(volume.SizeX, volume.SizeY, volume.SizeZ, labels),
        });

        Assert.Equal(fromLists.Mask!.Labels, fromVolume.Mask!.Labels);
    }

    [Theory]
    [InlineData("only label 1", "{\"1\": [[1, 1, 1]]}")]
    [InlineData("outside the 12×12×12 grid", "{\"1\": [[1, 1, 1]], \"2\": [[12, 0, 0]]}")]
    [InlineData("both label 1 and label 2", "{\"1\": [[1, 1, 1]], \"2\": [[1, 1, 1]]}")]
    [InlineData("outside 1–255", "{\"1\": [[1, 1, 1]], \"256\": [[2, 2, 2]]}")]
    public async Task Bad_seeds_are_refused_with_the_reason(string reason, string seeds)
    {
        var volume = new Volume(12, 12, 12, 1, 1, new float[12 * 12 * 12], Affine.Identity);
        var parsed = JsonNode.Parse(seeds)!.AsObject().ToDictionary(
            p => int.Parse(p.Key, CultureInfo.InvariantCulture),
            p => (IReadOnlyList<VoxelIndex>)[.. p.Value!.AsArray().Select(v => new VoxelIndex(v![0]!.GetValue<int>(), v[1]!.GetValue<int>(), v[2]!.GetValue<int>()))]);

        var e = await Assert.ThrowsAsync<AnalysisInputException>(() => Run(new AnalysisRequest(volume, [], parsed)));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_stops_a_running_solve_within_a_second()
    {
        var sphere = ValidationPhantoms.SeededSphere(96, seed: 5);
        var request = sphere.Request with { Parameters = new JsonObject { ["solver"] = "cg", ["tol"] = 1e-14 } };
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var solving = new TaskCompletionSource();
        var progress = new SynchronousProgress<AnalysisProgress>(p =>
        {
            if (p.Message.Contains("iteration", StringComparison.Ordinal))
            {
                solving.TrySetResult();
            }
        });

        var run = Engine.RunAsync(request, progress, cancellation.Token);
        await solving.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stopped {clock.Elapsed} after the cancel");
    }

    [Fact]
    public async Task Cancelling_while_the_multigrid_hierarchy_is_built_stops_within_a_second()
    {
        // The default solver's AMG setup takes seconds on a large grid before the first iteration: the cancel lands in it.
        var sphere = ValidationPhantoms.SeededSphere(128, seed: 5);
        var request = sphere.Request with { Parameters = new JsonObject { ["solver"] = "cg_mg" } };
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var assembled = new TaskCompletionSource();
        var iterated = false;
        var progress = new SynchronousProgress<AnalysisProgress>(p =>
        {
            iterated |= p.Message.Contains("iteration", StringComparison.Ordinal);
            if (p.Message.Contains("unseeded voxels", StringComparison.Ordinal))
            {
                assembled.TrySetResult();
            }
        });

        var run = Engine.RunAsync(request, progress, cancellation.Token);
        await assembled.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        await Task.Delay(100, Ct);
        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stopped {clock.Elapsed} after the cancel (iterations had {(iterated ? "" : "not ")}started)");
    }

    private static Task<AnalysisOutput> Run(AnalysisRequest request) => Engine.RunAsync(request, new Progress<AnalysisProgress>(), Ct);
}
