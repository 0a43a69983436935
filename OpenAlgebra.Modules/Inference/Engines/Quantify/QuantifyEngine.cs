using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Modules.Inference.Engines.Quantify;

/// <summary>
/// <c>quantify</c>: measures the labels of a given mask on its series (volume in mL, voxel count, mean/std/min/max in
/// modality units, bounding box) and, with a reference mask, scores it (Dice, Jaccard, Hausdorff 95 in mm,
/// sensitivity, specificity). It produces numbers only, no mask.
/// </summary>
internal sealed class QuantifyEngine : IAnalysisEngine
{
    public string Name => "quantify";
    public string Version => "1.0.0";
    public string Description => "Per-label volume (mL), voxel count, mean/std/min/max and bounding box of a mask; Dice, Jaccard, Hausdorff 95, sensitivity and specificity against a reference mask.";
    public EngineWorkload Workload => EngineWorkload.Light;
    public bool RequiresSeeds => false;

    public JsonObject DefaultParameters() => new();

    public Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        EngineParameters.Read(this, request.Parameters);
        EngineInputs.RequireScalarVolume(Name, request.Volume);
        var mask = request.Mask ?? throw new AnalysisInputException("quantify needs a mask to measure.");
        MaskGeometry.RequireSameGrid(mask, request.Volume, "mask");
        progress.Report(new AnalysisProgress(0, "Measuring labels"));
        var metrics = MaskMetrics.Measure(mask, request.Volume, request.ReferenceMask, cancellationToken);
        progress.Report(new AnalysisProgress(100, "Measured"));
        return Task.FromResult(new AnalysisOutput(null, [], null, metrics));
    }

    public IEnumerable<ValidationCase> ValidationCases() => QuantifyPhantoms.Cases();
}
