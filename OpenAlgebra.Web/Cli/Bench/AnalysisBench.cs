using System.Globalization;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// The analysis engines on synthetic volumes, all cores: <c>lung-ct</c> on a 512×512 chest CT (300 slices by default),
/// the runbook's DICOM processing budget being 10 s.
/// </summary>
internal static class AnalysisBench
{
    public static int Run(TextWriter output, int runs, int lungSlices, IServiceProvider services)
    {
        var engines = services.GetServices<IAnalysisEngine>().ToDictionary(e => e.Name, StringComparer.Ordinal);
        LungCt(output, runs, lungSlices, engines["lung-ct"]);
        return 0;
    }

    private static void LungCt(TextWriter output, int runs, int slices, IAnalysisEngine engine)
    {
        var chest = ValidationPhantoms.ChestCt(512, 512, slices, seed: 1);
        var volume = chest.Request.Volume;
        output.WriteLine($"synthetic chest CT 512×512×{slices} (float HU, {volume.Voxels.LongLength * sizeof(float) >> 20} MiB), spacing {volume.Spacing}");
        var timing = BenchTiming.Measure($"lung-ct {engine.Version} 512×512×{slices}", runs, () => RunEngine(engine, chest.Request), warmups: 1);
        output.WriteLine(timing);
        var scored = RunEngine(engine, chest.Request with { ReferenceMask = chest.Truth });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lung-ct found {scored.Metrics["lungs"]} lungs, mean Dice {scored.Metrics["meanDice"]!.GetValue<double>():F4} against the phantom's truth"));
    }

    private static AnalysisOutput RunEngine(IAnalysisEngine engine, AnalysisRequest request) =>
        engine.RunAsync(request, new Progress<AnalysisProgress>(), CancellationToken.None).GetAwaiter().GetResult();
}
