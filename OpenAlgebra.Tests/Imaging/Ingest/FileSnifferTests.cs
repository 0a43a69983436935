using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Nifti;
using OpenAlgebra.Tests.Imaging.Pixels;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Ingest;

public sealed class FileSnifferTests
{
    [Fact]
    public void Every_pydicom_sample_the_codec_reads_is_DICOM_by_its_bytes_with_or_without_preamble()
    {
        var kinds = DicomSamples.All().Select(path => (Path.GetFileName(path), Sniff(File.ReadAllBytes(path)))).ToList();

        Assert.Contains(kinds, k => k.Item1 == "ExplVR_LitEndNoMeta.dcm");
        Assert.Contains(kinds, k => k.Item1 == "ExplVR_BigEndNoMeta.dcm");
        Assert.Contains(kinds, k => k.Item1 == "no_meta_group_length.dcm");
        // no_meta.dcm starts with a stray byte (DicomSamples.Refused): the codec refuses it as not DICOM, and so does the guess.
        Assert.Equal([("no_meta.dcm", UploadFileKind.Other)], kinds.Where(k => k.Item2 != UploadFileKind.Dicom));
    }

    [Fact]
    public void Every_nibabel_single_file_NIfTI_is_NIfTI_plain_or_gzipped_and_a_gzipped_DICOM_is_not()
    {
        var samples = NiftiSamples.In(Services.NibabelFiles);
        Assert.Contains(samples, s => s.Path.EndsWith(".nii.gz", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Path.EndsWith("example_nifti2.nii.gz", StringComparison.Ordinal));
        foreach (var (path, kind) in samples)
        {
            Assert.Equal((path, kind == NiftiSamples.Kind.SingleFile ? UploadFileKind.Nifti : UploadFileKind.Other), (path, Sniff(File.ReadAllBytes(path))));
        }

        Assert.Equal(UploadFileKind.Other, Sniff(File.ReadAllBytes(Path.Combine(Services.PydicomFiles, "zipMR.gz"))));
    }

    [Fact]
    public void Synthetic_NIfTI_1_and_2_in_both_byte_orders_are_NIfTI()
    {
        foreach (var version in new[] { 1, 2 })
        {
            foreach (var bigEndian in new[] { false, true })
            {
                var nifti = new SyntheticNifti { Version = version, BigEndian = bigEndian, Data = new byte[8] }.Build();
                Assert.Equal(UploadFileKind.Nifti, Sniff(nifti));
                Assert.Equal(UploadFileKind.Nifti, Sniff(SyntheticNifti.Gzip(nifti)));
            }
        }
    }

    public static TheoryData<string, byte[], UploadFileKind> Others => new()
    {
        { "text named .dcm", "(0008,0016) is what a DICOM dump looks like\n"u8.ToArray(), UploadFileKind.Other },
        { "zeros", new byte[4096], UploadFileKind.Other },
        { "too short", [0x08, 0x00], UploadFileKind.Other },
        { "gzip of text", SyntheticNifti.Gzip("hello"u8.ToArray()), UploadFileKind.Other },
        { "broken gzip", [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02], UploadFileKind.Other },
        { "pair header", new SyntheticNifti { Pair = true }.BuildPair().Header, UploadFileKind.Other },
        { "implicit VR raw data set", [0x08, 0x00, 0x05, 0x00, 0x0A, 0x00, 0x00, 0x00, .. "ISO_IR 100"u8], UploadFileKind.Dicom },
        { "implicit length past the end", [0x08, 0x00, 0x05, 0x00, 0x00, 0x01, 0x00, 0x00, .. "ISO_IR 100"u8], UploadFileKind.Other },
    };

    [Theory]
    [MemberData(nameof(Others))]
    public void Bytes_decide_the_kind(string what, byte[] bytes, UploadFileKind kind) => Assert.Equal((what, kind), (what, Sniff(bytes)));

    [Fact]
    public void A_zip_is_an_archive_unless_its_bytes_are_a_DICOM_preamble()
    {
        var zip = TestZips.Create(("a", [1]));
        Assert.True(FileSniffer.IsArchive(zip));
        Assert.True(FileSniffer.IsArchive(TestZips.Create()));

        var polyglot = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        "PK\x03\x04"u8.CopyTo(polyglot);
        Assert.False(FileSniffer.IsArchive(polyglot.AsSpan(0, FileSniffer.HeadLength)));
        Assert.Equal(UploadFileKind.Dicom, Sniff(polyglot));
    }

    private static UploadFileKind Sniff(byte[] bytes)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "file");
        File.WriteAllBytes(path, bytes);
        return FileSniffer.Kind(bytes.AsSpan(0, Math.Min(bytes.Length, FileSniffer.HeadLength)), bytes.Length, path);
    }
}
