using System.Diagnostics;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>dcmtk's command-line tools (Debian package dcmtk) as an independent referee.</summary>
internal static class Dcmtk
{
    /// <summary>Decompresses a JPEG-compressed file with dcmdjpeg (IJG libjpeg) into Explicit VR Little Endian.</summary>
    public static void Decompress(string source, string target, CancellationToken cancellationToken)
    {
        var dcmdjpeg = Services.Program("/usr/bin/dcmdjpeg", "dcmtk");
        var start = new ProcessStartInfo(dcmdjpeg) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(source);
        start.ArgumentList.Add(target);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dcmdjpeg {Path.GetFileName(source)} failed: {output.Result}{error}");
    }
}
