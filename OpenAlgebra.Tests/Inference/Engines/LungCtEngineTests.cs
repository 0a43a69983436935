using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Engines.LungCt;
using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Tests.Inference.Engines;

public sealed class LungCtEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_synthetic_chest_passes_the_gate_with_each_lung_on_its_side()
    {
        var engine = new LungCtEngine();
        foreach (var validation in engine.ValidationCases())
        {
            var output = await Run(validation.Request);

            var overlaps = LabelOverlap.Measure(output.Mask!, validation.Truth, Ct);
            var report = $"{validation.Name}: {string.Join(", ", overlaps.Select(o => $"label {o.Label} Dice {o.Dice:F4}"))}; {output.Metrics.ToJsonString()}";
            Assert.True(ValidationScore.Of(validation, output, Ct) >= ValidationScore.Gate, report);
            Assert.Equal([1, 2], overlaps.Select(o => o.Label));
            Assert.All(overlaps, o => Assert.True(o.Dice >= 0.95, report));
        }
    }

    [Fact]
    public async Task The_trachea_is_removed_and_touching_lungs_are_split()
    {
        var cases = new LungCtEngine().ValidationCases().ToArray();

        var apart = await Run(cases[0].Request);
        var touching = await Run(cases[1].Request);

        Assert.False(apart.Metrics["lungsTouching"]!.GetValue<bool>());
        Assert.True(touching.Metrics["lungsTouching"]!.GetValue<bool>());
        Assert.Equal(2, touching.Metrics["lungs"]!.GetValue<int>());
        // The trachea (radius 9 mm) runs 110 mm inside this field of view: about 28 mL, bronchi besides.
        Assert.InRange(apart.Metrics["airwayRemovedMl"]!.GetValue<double>(), 20, 60);
        var volume = cases[0].Request.Volume;
        var (i, j, k) = Voxel(volume, 0, -10, 100);
        Assert.True(volume[i, j, k] < -900, "the phantom has air in the trachea there");
        Assert.Equal(0, apart.Mask![i, j, k]);
    }

    [Fact]
    public async Task Keeping_the_airways_leaves_the_trachea_in_the_right_or_left_lung()
    {
        var request = new LungCtEngine().ValidationCases().First().Request;

        var output = await Run(request with { Parameters = new JsonObject { ["remove_airways"] = false } });

        var (i, j, k) = Voxel(request.Volume, 0, -10, 100);
        Assert.NotEqual(0, output.Mask![i, j, k]);
        Assert.Equal(0, output.Metrics["airwayRemovedMl"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_volume_without_air_inside_the_body_has_no_lungs()
    {
        var voxels = Enumerable.Repeat(40f, 32 * 32 * 16).ToArray();
        var volume = new Volume(32, 32, 16, 1, 1, voxels, Affine.Identity);

        var output = await Run(new AnalysisRequest(volume, [], new Dictionary<int, IReadOnlyList<VoxelIndex>>()));

        Assert.All(output.Mask!.Labels, l => Assert.Equal(0, l));
        Assert.Equal(0, output.Metrics["lungs"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("threshold_hu", "\"air\"")]
    [InlineData("threshold_hu", "-2000")]
    [InlineData("remove_airways", "2")]
    public async Task A_bad_parameter_is_refused_by_name(string name, string json)
    {
        var request = new LungCtEngine().ValidationCases().First().Request with { Parameters = new JsonObject { [name] = JsonNode.Parse(json) } };

        var e = await Assert.ThrowsAsync<AnalysisInputException>(() => Run(request));

        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_request_stops()
    {
        var request = new LungCtEngine().ValidationCases().First().Request;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LungCtEngine().RunAsync(request, new Progress<AnalysisProgress>(), new CancellationToken(true)));
    }

    private static Task<AnalysisOutput> Run(AnalysisRequest request) => new LungCtEngine().RunAsync(request, new Progress<AnalysisProgress>(), Ct);

    /// <summary>The voxel nearest an LPS point on an axis-aligned grid.</summary>
    private static (int I, int J, int K) Voxel(Volume volume, double x, double y, double z)
    {
        var (ox, oy, oz) = volume.IjkToLps.Origin;
        var (si, sj, sk) = volume.Spacing;
        return ((int)Math.Round((x - ox) / si), (int)Math.Round((y - oy) / sj), (int)Math.Round((z - oz) / sk));
    }
}
