using OpenAlgebra.Modules.Imaging.Rendering;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// The middle slice of each plane of a synthetic 512×512 CT volume, under the soft-tissue window, as raw display levels
/// and as PNG, on one core (the renderer uses only the caller's thread).
/// </summary>
internal static class RenderBench
{
    public static int Run(TextWriter output, int runs, int slices, IServiceProvider services)
    {
        var renderer = services.GetRequiredService<ISliceRenderer>();
        var volume = SyntheticPhantom.Create(slices);
        output.WriteLine($"synthetic CT volume 512×512×{slices} (float HU, {volume.Voxels.LongLength * sizeof(float) >> 20} MiB), soft-tissue window, one core");

        var timings = new List<BenchTiming>();
        var sink = new MemoryStream();
        using (BenchCommand.OneCore())
        {
            foreach (var plane in Enum.GetValues<SlicePlane>())
            {
                var request = new SliceRequest(plane, renderer.SliceCount(volume, plane) / 2, SliceWindow.Preset("soft-tissue"));
                var layout = renderer.Render(volume, request).Layout;
                var name = $"{plane.ToString().ToLowerInvariant()} {layout.Width}×{layout.Height}";
                timings.Add(BenchTiming.Measure($"{name} → 8-bit", runs, () => renderer.Render(volume, request)));
                timings.Add(BenchTiming.Measure($"{name} → PNG ({renderer.RenderPng(volume, request).Png.Length / 1024} KiB)", runs, () =>
                {
                    sink.SetLength(0);
                    renderer.WritePng(volume, request, sink);
                }));
            }
        }

        foreach (var timing in timings)
        {
            output.WriteLine(timing);
        }

        return 0;
    }
}
