using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>Native (every byte order, deflated, 1 to 32 bits, multi-frame) and RLE pixels against pydicom's pixel_array.</summary>
public sealed class PixelDecoderSampleTests
{
    /// <summary>Colour converted from YBR: pydicom converts in floating point, this decoder in libjpeg's fixed point.</summary>
    private const int ColourTolerance = 1;

    /// <summary>Samples with pixel data whose attributes are broken: refused here, as pydicom refuses them too.</summary>
    private static readonly Dictionary<string, string> Refused = new()
    {
        ["badVR.dcm"] = "Number of Frames is '1A'",
        ["nested_priv_SQ.dcm"] = "Pixel Data without Rows, Columns or Bits Allocated",
        ["meta_missing_tsyntax.dcm"] = "Pixel Data without Rows, Columns or Bits Allocated",
    };

    [Fact]
    public void Native_and_RLE_samples_decode_to_pydicoms_pixel_array()
    {
        var token = TestContext.Current.CancellationToken;
        var files = DicomSamples.All()
            .Where(f => !DicomSamples.Refused.ContainsKey(Path.GetFileName(f)))
            .Select(f => (Path: f, File: PixelTestFiles.Read(f)))
            .Where(s => PixelTestFiles.HasPixels(s.File)
                && (!s.File.TransferSyntax.Encapsulated || s.File.TransferSyntax.Uid == DicomTransferSyntax.RleLossless.Uid))
            .ToList();
        Assert.True(files.Count >= 25, $"only {files.Count} native or RLE samples found");
        using var folder = new TempFolder();
        var expected = PydicomPixels.Read(files.Select(f => f.Path).ToList(), folder.Path, token);
        var problems = new List<string>();
        foreach (var (path, file) in files)
        {
            var name = Path.GetFileName(path);
            if (Refused.TryGetValue(name, out var reason))
            {
                var refused = Record.Exception(() => PixelTestFiles.DecodeAll(file, out _));
                if (refused is not DicomFormatException)
                {
                    problems.Add($"{name}: expected a DicomFormatException ({reason}), got {refused?.GetType().Name ?? "pixels"}");
                }

                continue;
            }

            var reference = expected[path];
            if (reference.Error is not null)
            {
                problems.Add($"{name}: pydicom failed: {reference.Error}");
                continue;
            }

            var actual = PixelTestFiles.DecodeAll(file, out var layout);
            var wanted = File.ReadAllBytes(reference.RawPath);
            if (PixelTestFiles.NumpyName(layout.SampleType) != reference.DType)
            {
                problems.Add($"{name}: samples are {layout.SampleType}, pydicom's {reference.DType}");
            }
            else if (actual.Length != wanted.Length)
            {
                problems.Add($"{name}: {actual.Length} bytes, pydicom {wanted.Length} (shape {string.Join('×', reference.Shape!)})");
            }
            else
            {
                var tolerance = file.Dataset.GetString(DicomTags.PhotometricInterpretation) is "YBR_FULL" or "YBR_FULL_422" ? ColourTolerance : 0;
                var worst = MaxDifference(actual, wanted);
                if (worst > tolerance)
                {
                    problems.Add($"{name}: differs by up to {worst} (allowed {tolerance})");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>Largest byte difference; colour tolerances only arise for 8-bit samples, so bytes suffice.</summary>
    private static int MaxDifference(byte[] a, byte[] b)
    {
        var worst = 0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}
