using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Modules.Inference.Engines.LungCt;

/// <summary>
/// <c>lung-ct</c>: automatic lung segmentation on chest CT (values in HU): air below <c>threshold_hu</c>, less the air
/// around the body, less the trachea and main bronchi (<c>remove_airways</c>), as the one or two largest components
/// with their holes (vessels) filled, labelled by the patient's side: 1 right lung, 2 left lung. A few seconds for a
/// 512×512×300 CT, so it runs on the light queue.
/// </summary>
internal sealed class LungCtEngine : IAnalysisEngine
{
    public string Name => "lung-ct";
    public string Version => "1.0.0";
    public string Description => "Automatic lung segmentation on chest CT: label 1 right lung, 2 left lung.";
    public EngineWorkload Workload => EngineWorkload.Light;
    public bool RequiresSeeds => false;

    public JsonObject DefaultParameters() => new()
    {
        ["threshold_hu"] = -320.0,
        ["remove_airways"] = true,
    };

    public Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var parameters = EngineParameters.Read(this, request.Parameters);
        var threshold = (float)parameters.Number("threshold_hu", above: -1100, atMost: 500);
        var removeAirways = parameters.Flag("remove_airways");
        var volume = request.Volume;
        EngineInputs.RequireScalarVolume(Name, volume);
        return Task.Run(() =>
        {
            progress.Report(new AnalysisProgress(0, "Thresholding"));
            var found = LungSegmentation.Segment(volume, threshold, removeAirways, (percent, message) => progress.Report(new AnalysisProgress(percent, message)),
                cancellationToken);
            var mask = new LabelMask(volume.SizeX, volume.SizeY, volume.SizeZ, found.Labels);
            var metrics = MaskMetrics.Measure(mask, volume, request.ReferenceMask, cancellationToken);
            metrics["lungs"] = found.Lungs;
            metrics["lungsTouching"] = found.Touching;
            metrics["airwayRemovedMl"] = found.AirwayVoxels * MaskGeometry.VoxelVolumeMl(volume);
            progress.Report(new AnalysisProgress(100, found.Lungs == 0 ? "No lungs found" : $"{found.Lungs} lungs"));
            return new AnalysisOutput(mask, [], null, metrics);
        }, cancellationToken);
    }

    public IEnumerable<ValidationCase> ValidationCases() => LungCtPhantoms.Cases();
}
