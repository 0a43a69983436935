using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Volumes;

/// <summary>
/// nibabel's DICOM wrapper (Debian package python3-nibabel) and pydicom's reading of every frame's Image Position
/// (Patient), as referees for a multi-frame volume's geometry.
/// </summary>
internal static class NibabelGeometry
{
    private const string Script = """
        import gzip, json, sys, warnings
        warnings.simplefilter("ignore")
        import pydicom
        from nibabel.nicom import dicomwrappers
        path = sys.argv[1]
        ds = pydicom.dcmread(gzip.open(path) if path.endswith(".gz") else path)
        wrapper = dicomwrappers.wrapper_from_data(ds)
        positions = [[float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient] for f in ds.PerFrameFunctionalGroupsSequence]
        json.dump({"affine": wrapper.affine.tolist(), "shape": [int(s) for s in wrapper.image_shape], "positions": positions}, sys.stdout)
        """;

    /// <summary>nibabel's 4×4 affine, which maps (row, column, slice) indices, its image shape, and each frame's position.</summary>
    public static (double[][] Affine, int[] Shape, double[][] Positions) Read(string path, CancellationToken cancellationToken)
    {
        var python = Services.Program(Services.DebianPython, "python3-nibabel");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"nibabel failed: {error.Result}");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var shape = root.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        return (Matrix(root.GetProperty("affine")), shape, Matrix(root.GetProperty("positions")));
    }

    private static double[][] Matrix(JsonElement rows) =>
        rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
}
