using System.Runtime.InteropServices;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Tests.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>JPEG frames against dcmtk's dcmdjpeg (IJG libjpeg): equal for lossless, within rounding for lossy.</summary>
public sealed class JpegDecoderTests
{
    public static TheoryData<string, int> Samples => new()
    {
        // Lossless: exact.
        { "SC_rgb_jpeg_gdcm.dcm", 0 },
        // Lossy: libjpeg's integer inverse DCT and JpegLibrary's floating-point one round differently, by one level at most.
        { "JPGExtended.dcm", 1 },
        { "JPEG-lossy.dcm", 1 },
        { "SC_rgb_jpeg_dcmtk.dcm", 1 },
        { "SC_rgb_jpeg_lossy_gdcm.dcm", 1 },
        { "SC_jpeg_no_color_transform.dcm", 1 },
        { "SC_jpeg_no_color_transform_2.dcm", 1 },
        { "SC_rgb_jpeg_app14_dcmd.dcm", 1 },
        { "SC_rgb_small_odd_jpeg.dcm", 1 },
        { "SC_rgb_dcmtk_+eb+cr.dcm", 1 },
        { "SC_rgb_dcmtk_+eb+cy+n1.dcm", 1 },
        { "SC_rgb_dcmtk_+eb+cy+n2.dcm", 1 },
        { "SC_rgb_dcmtk_+eb+cy+np.dcm", 1 },
        { "SC_rgb_dcmtk_+eb+cy+s2.dcm", 1 },
        { "SC_rgb_dcmtk_+eb+cy+s4.dcm", 1 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_JPEG_sample_decodes_as_dcmdjpeg_decompresses_it(string name, int tolerance)
    {
        var token = TestContext.Current.CancellationToken;
        var source = DicomSamples.File(name);
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "native.dcm");
        Dcmtk.Decompress(source, target, token);

        var actual = PixelTestFiles.DecodeAll(PixelTestFiles.Read(source), out var layout);
        var expected = PixelTestFiles.DecodeAll(PixelTestFiles.Read(target), out var expectedLayout);
        Assert.Equal(expectedLayout, layout);
        Assert.Equal(expected.Length, actual.Length);
        var worst = layout.SampleType.Size() == 1
            ? MaxDifference<byte>(actual, expected)
            : MaxDifference<ushort>(actual, expected);
        Assert.True(worst <= tolerance, $"{name}: differs from dcmdjpeg by up to {worst}, allowed {tolerance}");
    }

    private static int MaxDifference<T>(byte[] a, byte[] b)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var x = MemoryMarshal.Cast<byte, T>(a);
        var y = MemoryMarshal.Cast<byte, T>(b);
        var worst = 0;
        for (var i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(int.CreateTruncating(x[i]) - int.CreateTruncating(y[i])));
        }

        return worst;
    }
}
