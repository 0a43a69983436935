using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Volumes;

/// <summary>
/// A DICOM series converted to NIfTI puts every voxel where DICOM says it is: nibabel's affine of our .nii.gz, applied
/// to (column, row, slice), lands on Image Position + column · Δc · row direction + row · Δr · column direction of that
/// slice (PS3.3 C.7.6.2.1.1), in RAS (x and y negated from DICOM's LPS); and the voxel holds the rescaled pixel.
/// </summary>
public sealed class DicomToNiftiGeometryTests
{
    private const string Script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        import numpy as np, nibabel, pydicom
        nii, dicoms = sys.argv[1], sys.argv[2:]
        img = nibabel.load(nii)
        data = img.get_fdata()
        slices = [pydicom.dcmread(f) for f in dicoms]
        row = np.array(slices[0].ImageOrientationPatient[:3], float)
        col = np.array(slices[0].ImageOrientationPatient[3:], float)
        normal = np.cross(row, col)
        slices.sort(key=lambda s: float(np.dot(normal, np.array(s.ImagePositionPatient, float))))
        worst_mm, worst_value = 0.0, 0.0
        for k, s in enumerate(slices):
            ipp = np.array(s.ImagePositionPatient, float)
            dr, dc = float(s.PixelSpacing[0]), float(s.PixelSpacing[1])
            pixels = s.pixel_array * float(s.get("RescaleSlope", 1)) + float(s.get("RescaleIntercept", 0))
            for (i, j) in [(0, 0), (s.Columns - 1, 0), (0, s.Rows - 1), (s.Columns - 1, s.Rows - 1), (s.Columns // 2, s.Rows // 3)]:
                lps = ipp + i * dc * row + j * dr * col
                ras = lps * np.array([-1, -1, 1])
                got = img.affine @ np.array([i, j, k, 1.0])
                worst_mm = max(worst_mm, float(np.max(np.abs(got[:3] - ras))))
                worst_value = max(worst_value, abs(float(data[i, j, k]) - float(pixels[j, i])))
        json.dump({"shape": list(img.shape), "worst_mm": worst_mm, "worst_value": worst_value}, sys.stdout)
        """;

    // Given out of order on purpose: the builder sorts along the slice normal.
    private static readonly string[] SeriesFiles = ["1.dcm", "0.dcm"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void An_oblique_MR_series_lands_where_DICOM_says_in_nibabel()
    {
        var sources = SeriesFiles.Select(n => Path.Combine(Services.NibabelFiles, n)).ToArray();
        var codec = new DicomCodec();
        var volume = new DicomVolumeBuilder(new DicomPixelDecoder())
            .Build(sources.Select(f => codec.Read(File.OpenRead(f))).ToList(), Ct);
        var nii = Path.Combine(Path.GetTempPath(), $"openalgebra-geometry-{Guid.NewGuid():N}.nii.gz");
        using (var output = File.Create(nii))
        {
            new NiftiCodec().WriteVolume(output, volume);
        }

        try
        {
            var result = RunPython(nii, sources);

            Assert.Equal([256, 256, 2], result.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.True(result.GetProperty("worst_mm").GetDouble() < 1e-3, $"voxel positions differ by up to {result.GetProperty("worst_mm")} mm");
            Assert.True(result.GetProperty("worst_value").GetDouble() < 1e-3, $"voxel values differ by up to {result.GetProperty("worst_value")}");
        }
        finally
        {
            File.Delete(nii);
        }
    }

    private static JsonElement RunPython(string nii, IEnumerable<string> dicoms)
    {
        var start = new ProcessStartInfo(Services.Program(Services.DebianPython, "python3-nibabel")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(nii);
        foreach (var dicom in dicoms)
        {
            start.ArgumentList.Add(dicom);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }
}
