using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>The DICOM path of ingest, one instance at a time, against dcmtk's tools on the same file.</summary>
internal static class DicomBench
{
    private const string DcmDump = "/usr/bin/dcmdump";
    private const string DcmModify = "/usr/bin/dcmodify";

    public static int Run(TextWriter output, int runs, FileInfo? file)
    {
        using var bench = BenchServices.Create();
        var codec = bench.Services.GetRequiredService<IDicomCodec>();
        var deidentifier = bench.Services.GetRequiredService<IDicomDeidentifier>();
        var policy = bench.Services.GetRequiredService<IDeidentificationProfile>().Configured;
        var bytes = file is null ? SyntheticCt.Bytes(codec) : File.ReadAllBytes(file.FullName);
        output.WriteLine(file is null ? $"synthetic 512×512 16-bit CT instance, {bytes.Length} bytes" : $"{file.FullName}, {bytes.Length} bytes");

        var timings = new List<BenchTiming>();
        var sink = new MemoryStream(bytes.Length + 4096);
        using (BenchCommand.OneCore())
        {
            timings.Add(BenchTiming.Measure("parse", runs, () => codec.Read(new MemoryStream(bytes, writable: false))));
            timings.Add(BenchTiming.Measure("parse + write", runs, () =>
            {
                sink.SetLength(0);
                codec.Write(codec.Read(new MemoryStream(bytes, writable: false)), sink);
            }));
            timings.Add(BenchTiming.Measure("parse + de-identify + write", runs, () =>
            {
                sink.SetLength(0);
                codec.Write(deidentifier.Deidentify(codec.Read(new MemoryStream(bytes, writable: false)), policy).File, sink);
            }));
        }

        foreach (var timing in timings)
        {
            output.WriteLine(timing);
        }

        CompareWithDcmtk(output, bytes, timings[0], timings[2]);
        return 0;
    }

    /// <summary>dcmdump parses and prints the same file; its time includes starting a process, which is the point of comparison for a script.</summary>
    private static void CompareWithDcmtk(TextWriter output, byte[] bytes, BenchTiming parse, BenchTiming deidentify)
    {
        if (!File.Exists(DcmDump))
        {
            output.WriteLine("dcmtk not installed (apt-get install dcmtk): no comparison");
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), $"openalgebra-bench-{Guid.NewGuid():N}.dcm");
        File.WriteAllBytes(path, bytes);
        try
        {
            var dump = BenchTiming.Measure("dcmdump (process, same file)", 20, () => RunTool(DcmDump, "-q", path));
            output.WriteLine(dump);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio dcmdump / our parse: {dump.MedianMicroseconds / parse.MedianMicroseconds:F0}×"));
            if (File.Exists(DcmModify))
            {
                // dcmodify rewrites the file with two attributes changed: the nearest dcmtk analogue of de-identification.
                var modify = BenchTiming.Measure("dcmodify (process, 2 attributes, same file)", 20,
                    () => RunTool(DcmModify, "-nb", "-ma", "(0010,0010)=ANON", "-ma", "(0010,0020)=ANON", path));
                output.WriteLine(modify);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ratio dcmodify / our parse + de-identify + write: {modify.MedianMicroseconds / deidentify.MedianMicroseconds:F0}×"));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void RunTool(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
    }
}
