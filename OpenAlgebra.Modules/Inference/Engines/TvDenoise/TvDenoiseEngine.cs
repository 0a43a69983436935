using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Modules.Inference.Engines.TvDenoise;

/// <summary>
/// <c>tv-denoise</c>: total-variation denoising by Chambolle's projection algorithm, with scikit-image's
/// <c>denoise_tv_chambolle</c> parameters (<c>weight</c> in modality units, <c>eps</c>, <c>max_num_iter</c>), slice by
/// slice (<c>mode</c> 2d, as calling it on each slice) or on the whole grid (3d). The output is a derived volume on the
/// source geometry; with <c>threshold</c> set, the voxels of the result above it also form label 1 of a mask.
/// </summary>
internal sealed class TvDenoiseEngine : IAnalysisEngine
{
    public string Name => "tv-denoise";
    public string Version => "1.0.0";
    public string Description => "Total-variation denoising (Chambolle), per slice or in 3D; outputs a derived series.";
    public EngineWorkload Workload => EngineWorkload.Heavy;
    public bool RequiresSeeds => false;

    /// <summary>A weight of 25 suits CT noise of 10–30 HU; scikit-image's default 0.1 assumes values in [0, 1].</summary>
    public JsonObject DefaultParameters() => new()
    {
        ["weight"] = 25.0,
        ["eps"] = 2e-4,
        ["max_num_iter"] = 200,
        ["mode"] = "2d",
        ["threshold"] = null,
    };

    public Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var parameters = EngineParameters.Read(this, request.Parameters);
        var settings = new ChambolleSettings(
            (float)parameters.Number("weight", above: 0),
            parameters.Number("eps", above: 0),
            parameters.Integer("max_num_iter", atLeast: 1));
        var mode = parameters.Choice("mode", "2d", "3d");
        var threshold = parameters.OptionalNumber("threshold");
        var volume = request.Volume;
        EngineInputs.RequireScalarVolume(Name, volume);
        return Task.Run(() =>
        {
            progress.Report(new AnalysisProgress(0, $"Denoising {volume.SizeZ} slices ({mode})"));
            var denoised = new float[volume.Voxels.Length];
            var iterations = mode == "3d"
                ? Denoise3D(volume, denoised, settings, progress, cancellationToken)
                : Denoise2D(volume, denoised, settings, progress, cancellationToken);
            var derived = new Volume(volume.SizeX, volume.SizeY, volume.SizeZ, 1, 1, denoised, volume.IjkToLps);
            var mask = threshold is { } level ? Threshold(derived, (float)level) : null;
            var metrics = mask is null ? new JsonObject() : MaskMetrics.Measure(mask, derived, request.ReferenceMask, cancellationToken);
            metrics["mode"] = mode;
            metrics["iterations"] = iterations;
            progress.Report(new AnalysisProgress(100, "Denoised"));
            return new AnalysisOutput(mask, [], derived, metrics);
        }, cancellationToken);
    }

    public IEnumerable<ValidationCase> ValidationCases() => TvDenoisePhantoms.Cases();

    /// <returns>The most iterations any slice needed.</returns>
    private static int Denoise2D(Volume volume, float[] denoised, ChambolleSettings settings, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        var plane = volume.SizeX * volume.SizeY;
        var done = 0;
        var most = 0;
        var reporting = new object();
        Parallel.For(0, volume.SizeZ, new ParallelOptions { CancellationToken = cancellationToken },
            () => new ChambolleSlice(volume.SizeX, volume.SizeY),
            (k, _, slice) =>
            {
                var iterations = slice.Denoise(volume.Voxels.AsSpan(k * plane, plane), denoised.AsSpan(k * plane, plane), settings, cancellationToken);
                // One report at a time: the caller's progress sink need not be thread-safe.
                lock (reporting)
                {
                    most = Math.Max(most, iterations);
                    done++;
                    progress.Report(new AnalysisProgress(99 * done / volume.SizeZ, $"Slice {done} of {volume.SizeZ}"));
                }

                return slice;
            },
            _ => { });
        return most;
    }

    private static int Denoise3D(Volume volume, float[] denoised, ChambolleSettings settings, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        var solver = new ChambolleVolume(volume.SizeX, volume.SizeY, volume.SizeZ);
        return solver.Denoise(volume.Voxels, denoised, settings,
            n => progress.Report(new AnalysisProgress(99 * n / settings.MaxIterations, $"Iteration {n} of at most {settings.MaxIterations}")), cancellationToken);
    }

    private static LabelMask Threshold(Volume volume, float level)
    {
        var labels = new byte[volume.Voxels.Length];
        for (var n = 0; n < labels.Length; n++)
        {
            labels[n] = volume.Voxels[n] > level ? (byte)1 : (byte)0;
        }

        return new LabelMask(volume.SizeX, volume.SizeY, volume.SizeZ, labels);
    }
}
