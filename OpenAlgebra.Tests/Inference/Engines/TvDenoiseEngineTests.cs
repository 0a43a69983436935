using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Engines.TvDenoise;

namespace OpenAlgebra.Tests.Inference.Engines;

public sealed class TvDenoiseEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2d", 25.0, 2e-4, 200)]
    [InlineData("3d", 25.0, 2e-4, 200)]
    [InlineData("3d", 60.0, 1e-5, 40)]
    public async Task The_result_is_within_one_percent_RMS_of_scikit_images_denoise_tv_chambolle(string mode, double weight, double eps, int maxIterations)
    {
        var volume = new TvDenoiseEngine().ValidationCases().First().Request.Volume;
        var parameters = new JsonObject { ["mode"] = mode, ["weight"] = weight, ["eps"] = eps, ["max_num_iter"] = maxIterations };

        var output = await Run(new AnalysisRequest(volume, parameters, new Dictionary<int, IReadOnlyList<VoxelIndex>>()));

        using var python = new ScientificPython();
        python.Write("noisy.f32", volume.Voxels);
        var call = string.Create(CultureInfo.InvariantCulture, $"weight={weight}, eps={eps}, max_num_iter={maxIterations}");
        await python.RunAsync($$"""
            import json, sys, numpy as np
            from skimage.restoration import denoise_tv_chambolle
            d = sys.argv[1]
            noisy = np.fromfile(d + "/noisy.f32", "<f4").reshape(({{volume.SizeZ}}, {{volume.SizeY}}, {{volume.SizeX}}))
            if "{{mode}}" == "2d":
                out = np.stack([denoise_tv_chambolle(s, {{call}}) for s in noisy])
            else:
                out = denoise_tv_chambolle(noisy, {{call}})
            out.astype("<f4").tofile(d + "/denoised.f32")
            json.dump({}, sys.stdout)
            """, Ct);
        var reference = python.Read<float>("denoised.f32");

        var ours = output.Derived!.Voxels;
        var error = Math.Sqrt(ours.Zip(reference, (a, b) => (double)(a - b) * (a - b)).Average());
        var scale = Math.Sqrt(reference.Average(b => (double)b * b));
        var change = Math.Sqrt(volume.Voxels.Zip(reference, (a, b) => (double)(a - b) * (a - b)).Average());
        Assert.True(error <= 0.01 * scale, $"RMS difference {error} against an RMS value of {scale}");
        // Guards the comparison: denoising changed the volume far more than the difference from scikit-image.
        Assert.True(change > 100 * error, $"denoising changed the volume by {change} RMS, the difference is {error}");
    }

    [Fact]
    public async Task Each_validation_phantom_passes_the_gate_after_thresholding()
    {
        var engine = new TvDenoiseEngine();
        foreach (var validation in engine.ValidationCases())
        {
            var output = await engine.RunAsync(validation.Request, new Progress<AnalysisProgress>(), Ct);

            var score = Modules.Inference.Metrics.ValidationScore.Of(validation, output, Ct);
            Assert.True(score >= Modules.Inference.Metrics.ValidationScore.Gate, $"{validation.Name}: Dice {score}");
            var noisy = Modules.Inference.Metrics.ValidationScore.MeanDice(Threshold(validation.Request.Volume, 70), validation.Truth, Ct);
            Assert.True(noisy < 0.8, $"{validation.Name}: the noisy phantom already scores {noisy}");
        }
    }

    [Fact]
    public async Task The_derived_volume_keeps_the_source_geometry()
    {
        var request = new TvDenoiseEngine().ValidationCases().First().Request;

        var output = await Run(request);

        Assert.Empty(output.Probabilities);
        Assert.Equal((request.Volume.SizeX, request.Volume.SizeY, request.Volume.SizeZ), (output.Derived!.SizeX, output.Derived.SizeY, output.Derived.SizeZ));
        Assert.Equal(request.Volume.IjkToLps, output.Derived.IjkToLps);
        Assert.True(output.Metrics["iterations"]!.GetValue<int>() > 1);
    }

    [Theory]
    [InlineData("weight", "0")]
    [InlineData("weight", "\"strong\"")]
    [InlineData("mode", "\"4d\"")]
    [InlineData("max_num_iter", "2.5")]
    public async Task A_bad_parameter_is_refused_by_name(string name, string json)
    {
        var request = new TvDenoiseEngine().ValidationCases().First().Request with { Parameters = new JsonObject { [name] = JsonNode.Parse(json) } };

        var e = await Assert.ThrowsAsync<AnalysisInputException>(() => Run(request));

        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2d")]
    [InlineData("3d")]
    public async Task Cancelling_stops_a_running_denoise_within_a_second(string mode)
    {
        var voxels = new float[256 * 256 * 64];
        for (var n = 0; n < voxels.Length; n++)
        {
            voxels[n] = (n * 7919L) % 1000;
        }

        var volume = new Volume(256, 256, 64, 1, 1, voxels, Affine.Identity);
        var parameters = new JsonObject { ["mode"] = mode, ["eps"] = 1e-12, ["max_num_iter"] = 100_000 };
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var started = new TaskCompletionSource();
        var progress = new SynchronousProgress<AnalysisProgress>(_ => started.TrySetResult());
        var run = new TvDenoiseEngine().RunAsync(new AnalysisRequest(volume, parameters, new Dictionary<int, IReadOnlyList<VoxelIndex>>()), progress, cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(200, Ct);

        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stopped {clock.Elapsed} after the cancel");
    }

    private static Task<AnalysisOutput> Run(AnalysisRequest request) => new TvDenoiseEngine().RunAsync(request, new Progress<AnalysisProgress>(), Ct);

    private static LabelMask Threshold(Volume volume, float level) =>
        new(volume.SizeX, volume.SizeY, volume.SizeZ, [.. volume.Voxels.Select(v => v > level ? (byte)1 : (byte)0)]);
}
