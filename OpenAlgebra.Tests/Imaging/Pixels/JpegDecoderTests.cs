using System.Buffers.Binary;
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

    [Theory]
    [InlineData("MR_small.dcm", "+e1")]
    [InlineData("CT_small.dcm", "+e1")]
    [InlineData("image_dfl.dcm", "+e1")]
    [InlineData("MR_small.dcm", "+el", "+sv", "2")]
    [InlineData("MR_small.dcm", "+el", "+sv", "3")]
    [InlineData("CT_small.dcm", "+el", "+sv", "4")]
    [InlineData("CT_small.dcm", "+el", "+sv", "5")]
    [InlineData("CT_small.dcm", "+el", "+sv", "6")]
    [InlineData("CT_small.dcm", "+el", "+sv", "7")]
    public void Lossless_JPEG_from_dcmcjpeg_gives_back_the_original_pixels(string name, params string[] options)
    {
        // Signed 16-bit CT and MR and an 8-bit image, through every lossless predictor (+e1 is SV1's syntax).
        var token = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var compressed = Path.Combine(folder.Path, "lossless.dcm");
        Dcmtk.Compress(DicomSamples.File(name), compressed, options, token);
        var file = PixelTestFiles.Read(compressed);
        Assert.True(file.TransferSyntax.Encapsulated);
        var expected = PixelTestFiles.DecodeAll(PixelTestFiles.Read(DicomSamples.File(name)), out var expectedLayout);
        Assert.Equal(expected, PixelTestFiles.DecodeAll(file, out var layout));
        Assert.Equal(expectedLayout, layout);
    }

    [Theory]
    [InlineData("MR_small.dcm", "1")]
    [InlineData("CT_small.dcm", "6")]
    public void Lossless_JPEG_with_a_point_transform_decodes_as_dcmdjpeg_decodes_it(string name, string predictor)
    {
        var token = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var compressed = Path.Combine(folder.Path, "pt.dcm");
        var decompressed = Path.Combine(folder.Path, "native.dcm");
        Dcmtk.Compress(DicomSamples.File(name), compressed, ["+el", "+sv", predictor, "+pt", "3"], token);
        Dcmtk.Decompress(compressed, decompressed, token);
        var expected = PixelTestFiles.DecodeAll(PixelTestFiles.Read(decompressed), out _);
        Assert.Equal(expected, PixelTestFiles.DecodeAll(PixelTestFiles.Read(compressed), out _));
        // The transform dropped the three low bits of every sample.
        Assert.All(MemoryMarshal.Cast<byte, ushort>(expected).ToArray(), v => Assert.Equal(0, v & 7));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(7, 0)]
    [InlineData(1, 13)]
    [InlineData(6, 26)]
    [InlineData(7, 39)]
    public void Lossless_JPEG_restart_intervals_reset_the_prediction(int predictor, int restartInterval)
    {
        // 13 × 9 samples over the whole 16-bit range, restarting every 1, 2 or 3 rows.
        const int Width = 13, Height = 9;
        var random = new Random(predictor + restartInterval);
        var samples = Enumerable.Range(0, Width * Height).Select(_ => (ushort)random.Next(65536)).ToArray();
        var stream = LosslessJpegTestEncoder.Encode(samples, Width, Height, 16, predictor, restartInterval);
        var attributes = SyntheticImages.Attributes(Height, Width, 16);
        var pixels = PixelTestFiles.Decoder.Open(SyntheticImages.Encapsulated(attributes, DicomTransferSyntax.JpegLossless, [], stream.Length % 2 == 0 ? stream : [.. stream, 0]));
        Assert.Equal(samples, MemoryMarshal.Cast<byte, ushort>(pixels.DecodeFrame(0)).ToArray());
    }

    [Fact]
    public void Frames_are_found_one_per_fragment_through_the_offset_table_or_by_end_of_image_markers()
    {
        // Three 100×100 YBR_FULL streams with different chroma subsampling, as the frames of one instance.
        string[] names = ["SC_rgb_dcmtk_+eb+cy+n1.dcm", "SC_rgb_dcmtk_+eb+cy+n2.dcm", "SC_rgb_dcmtk_+eb+cy+s4.dcm"];
        var streams = names.Select(n => Stream(PixelTestFiles.Read(DicomSamples.File(n)))).ToArray();
        var expected = names.Select(n => PixelTestFiles.DecodeAll(PixelTestFiles.Read(DicomSamples.File(n)), out _)).ToArray();
        var halves = streams.SelectMany(s => new[] { s[..(s.Length / 2 & ~1)], s[(s.Length / 2 & ~1)..] }).ToArray();

        var whole = Multiframe([], streams);
        var splitWithTable = Multiframe(OffsetTable(halves, 0, 2, 4), halves);
        var splitWithoutTable = Multiframe([], halves);
        foreach (var file in new[] { whole, splitWithTable, splitWithoutTable })
        {
            var pixels = PixelTestFiles.Decoder.Open(SyntheticImages.RoundTrip(file));
            Assert.Equal(3, pixels.FrameCount);
            for (var f = 0; f < 3; f++)
            {
                Assert.Equal(expected[f], pixels.DecodeFrame(f));
            }
        }

        // An entry that is not the start of a fragment, and too few End Of Image markers for the frames declared.
        Assert.Throws<DicomFormatException>(() => PixelTestFiles.Decoder.Open(Multiframe(OffsetTable(halves, 0, 2, 4, shift: 2), halves)));
        var attributes = SyntheticImages.Attributes(100, 100, 8, samples: 3, photometric: "YBR_FULL", frames: 4);
        Assert.Throws<DicomFormatException>(() => PixelTestFiles.Decoder.Open(
            SyntheticImages.Encapsulated(attributes, DicomTransferSyntax.JpegBaseline, [], halves)));
    }

    [Theory]
    [InlineData("JPEG2000.dcm", "1.2.840.10008.1.2.4.91")]
    [InlineData("693_J2KI.dcm", "1.2.840.10008.1.2.4.91")]
    [InlineData("MR_small_jp2klossless.dcm", "1.2.840.10008.1.2.4.90")]
    [InlineData("GDCMJ2K_TextGBR.dcm", "1.2.840.10008.1.2.4.90")]
    [InlineData("MR_small_jpeg_ls_lossless.dcm", "1.2.840.10008.1.2.4.80")]
    public void JPEG_2000_and_JPEG_LS_read_but_their_pixels_are_refused_by_name(string name, string uid)
    {
        var file = PixelTestFiles.Read(DicomSamples.File(name));
        Assert.Equal(uid, file.TransferSyntax.Uid);
        var error = Assert.Throws<UnsupportedTransferSyntaxException>(() => PixelTestFiles.Decoder.Open(file));
        Assert.Contains(file.TransferSyntax.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains(uid, error.Message, StringComparison.Ordinal);
        Assert.Contains("not decodable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_encapsulated_syntax_is_refused_by_its_uid()
    {
        var syntax = DicomTransferSyntax.FromUid("1.2.840.10008.1.2.4.201");
        var file = SyntheticImages.Encapsulated(SyntheticImages.Attributes(2, 2, 8), syntax, [], [1, 2]);
        var error = Assert.Throws<UnsupportedTransferSyntaxException>(() => PixelTestFiles.Decoder.Open(file));
        Assert.Contains("1.2.840.10008.1.2.4.201", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_declaring_more_than_the_stream_can_hold_is_refused_before_any_buffer()
    {
        var stream = Stream(PixelTestFiles.Read(DicomSamples.File("SC_rgb_jpeg_dcmtk.dcm")));
        var attributes = SyntheticImages.Attributes(8192, 8192, 8, samples: 3, photometric: "YBR_FULL");
        Assert.Throws<DicomFormatException>(() => PixelTestFiles.Decoder.Open(SyntheticImages.Encapsulated(attributes, DicomTransferSyntax.JpegBaseline, [], stream)));
    }

    [Fact]
    public void A_stream_of_another_size_than_the_header_says_is_a_format_error()
    {
        var stream = Stream(PixelTestFiles.Read(DicomSamples.File("SC_rgb_jpeg_dcmtk.dcm")));
        var attributes = SyntheticImages.Attributes(100, 101, 8, samples: 3, photometric: "YBR_FULL");
        var pixels = PixelTestFiles.Decoder.Open(SyntheticImages.Encapsulated(attributes, DicomTransferSyntax.JpegBaseline, [], stream));
        var error = Assert.Throws<DicomFormatException>(() => pixels.DecodeFrame(0));
        Assert.Contains("100×100", error.Message, StringComparison.Ordinal);
    }

    private static DicomFile Multiframe(byte[] offsetTable, byte[][] fragments) => SyntheticImages.Encapsulated(
        SyntheticImages.Attributes(100, 100, 8, samples: 3, photometric: "YBR_FULL", frames: 3), DicomTransferSyntax.JpegBaseline, offsetTable, fragments);

    /// <summary>The one JPEG stream of a single-frame file, padded to even length as a fragment must be.</summary>
    private static byte[] Stream(DicomFile file)
    {
        var fragments = ((DicomFragments)file.Dataset.Find(DicomTags.PixelData)!).Fragments;
        return fragments.SelectMany(f => f.Memory.ToArray()).ToArray();
    }

    /// <summary>Offsets of the given fragments' items from the first item, optionally off by <paramref name="shift"/>.</summary>
    private static byte[] OffsetTable(byte[][] fragments, int first, int second, int third, int shift = 0)
    {
        var table = new byte[12];
        var starts = new long[fragments.Length];
        for (var i = 1; i < fragments.Length; i++)
        {
            starts[i] = starts[i - 1] + 8 + fragments[i - 1].Length;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(table, (uint)starts[first]);
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4), (uint)(starts[second] + shift));
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(8), (uint)starts[third]);
        return table;
    }
}
