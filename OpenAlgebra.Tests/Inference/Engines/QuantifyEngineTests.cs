using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Engines.Quantify;
using OpenAlgebra.Modules.Inference.Metrics;
using OpenAlgebra.Tests.Inference.Metrics;

namespace OpenAlgebra.Tests.Inference.Engines;

public sealed class QuantifyEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_validation_case_reports_its_hand_computed_metrics()
    {
        var engine = new QuantifyEngine();
        foreach (var validation in engine.ValidationCases())
        {
            var output = await engine.RunAsync(validation.Request, new Progress<AnalysisProgress>(), Ct);

            Assert.Null(output.Mask);
            Assert.True(ValidationScore.Of(validation, output, Ct) == 1, $"{validation.Name}: {output.Metrics.ToJsonString()}");
        }
    }

    [Fact]
    public async Task A_wrong_number_lowers_the_validation_score()
    {
        var engine = new QuantifyEngine();
        var validation = engine.ValidationCases().First();
        var output = await engine.RunAsync(validation.Request, new Progress<AnalysisProgress>(), Ct);
        var wrong = (JsonObject)validation.ExpectedMetrics!.DeepClone();
        wrong["reference"]![0]!["dice"] = 0.76;

        var score = ValidationScore.Of(validation with { ExpectedMetrics = wrong }, output, Ct);

        Assert.InRange(score, 0.5, 0.99);
    }

    [Fact]
    public async Task Without_a_reference_only_the_labels_are_measured()
    {
        var engine = new QuantifyEngine();
        var request = engine.ValidationCases().First().Request with { ReferenceMask = null };

        var output = await engine.RunAsync(request, new Progress<AnalysisProgress>(), Ct);

        Assert.Equal(64, output.Metrics["labels"]![0]!["voxelCount"]!.GetValue<long>());
        Assert.False(output.Metrics.ContainsKey("reference"));
    }

    [Fact]
    public async Task A_request_without_a_mask_is_refused_by_name()
    {
        var engine = new QuantifyEngine();
        var request = engine.ValidationCases().First().Request with { Mask = null };

        var e = await Assert.ThrowsAsync<AnalysisInputException>(() => engine.RunAsync(request, new Progress<AnalysisProgress>(), Ct));

        Assert.Contains("mask", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_parameter_is_refused_by_name()
    {
        var engine = new QuantifyEngine();
        var request = engine.ValidationCases().First().Request with { Parameters = new JsonObject { ["labels"] = 3 } };

        var e = await Assert.ThrowsAsync<AnalysisInputException>(() => engine.RunAsync(request, new Progress<AnalysisProgress>(), Ct));

        Assert.Contains("'labels'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_on_another_grid_is_refused()
    {
        var engine = new QuantifyEngine();
        var request = engine.ValidationCases().First().Request with { ReferenceMask = LabelStatisticsTests.Mask(20, 20, 19, (_, _, _) => 1) };

        var e = await Assert.ThrowsAsync<AnalysisInputException>(() => engine.RunAsync(request, new Progress<AnalysisProgress>(), Ct));

        Assert.Contains("reference mask", e.Message, StringComparison.Ordinal);
    }
}
