using System.Diagnostics;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>dcmtk's command-line tools (Debian package dcmtk) as an independent referee and source of test files.</summary>
internal static class Dcmtk
{
    /// <summary>Decompresses a JPEG-compressed file with dcmdjpeg (IJG libjpeg) into Explicit VR Little Endian.</summary>
    public static void Decompress(string source, string target, CancellationToken cancellationToken) =>
        Run("/usr/bin/dcmdjpeg", [source, target], cancellationToken);

    /// <summary>Compresses a file with dcmcjpeg, e.g. <c>+el +sv 7</c> for lossless process 14 with predictor 7.</summary>
    public static void Compress(string source, string target, IEnumerable<string> options, CancellationToken cancellationToken) =>
        Run("/usr/bin/dcmcjpeg", [.. options, source, target], cancellationToken);

    private static void Run(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Services.Program(program, "dcmtk")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} failed: {output.Result}{error}");
    }
}
