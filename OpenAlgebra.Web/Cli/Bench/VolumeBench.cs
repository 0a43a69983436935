using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>A 300-slice 512×512 CT series from file bytes to a <see cref="Volume"/> in HU: parse, decode, rescale, assemble.</summary>
internal static class VolumeBench
{
    public static int Run(TextWriter output, int runs, int slices, IServiceProvider services)
    {
        var codec = services.GetRequiredService<IDicomCodec>();
        var builder = services.GetRequiredService<IVolumeBuilder>();
        var files = Enumerable.Range(0, slices).Select(i => SyntheticCt.Bytes(codec, i)).ToArray();
        output.WriteLine($"synthetic CT series: {slices} slices of 512×512×16 bit, {files.Sum(f => (long)f.Length) / (1 << 20)} MiB, all cores");

        Volume? last = null;
        var timing = BenchTiming.Measure($"{slices} files → volume (parse + decode + HU)", runs, () =>
        {
            var instances = new DicomFile[files.Length];
            Parallel.For(0, files.Length, i => instances[i] = codec.Read(new MemoryStream(files[i], writable: false)));
            last = builder.Build(instances);
        });
        output.WriteLine(timing);
        output.WriteLine($"volume {last!.SizeX}×{last.SizeY}×{last.SizeZ}, spacing {last.Spacing}, warnings: {(last.Warnings.Count == 0 ? "none" : string.Join("; ", last.Warnings))}");
        return 0;
    }
}
