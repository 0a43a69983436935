using System.Text;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>What the reader accepts and refuses in a header, and that a refusal names the field at fault.</summary>
public sealed class NiftiHeaderRuleTests
{
    private static readonly SyntheticNifti Cube = new SyntheticNifti { DataType = 2 }.WithComponents<byte>(1, 2, 3, 4, 5, 6, 7, 8);

    public static TheoryData<string, string> BadHeaders() => new()
    {
        { "dim0=0", "dim[0]" },
        { "dim0=8", "dim[0]" },
        { "dim2=0", "dim[2]" },
        { "dim1=-4", "dim[1]" },
        { "dim5=3", "dim[5]" },
        { "dim7=2", "dim[7]" },
        { "vox_offset=100", "vox_offset" },
        { "vox_offset=348", "vox_offset" },
        { "vox_offset=352.5", "vox_offset" },
        { "vox_offset=1e12", "vox_offset" },
        { "too-many-values", "declare more than" },
        { "truncated-voxels", "voxel data" },
        { "sizeof_hdr=349", "sizeof_hdr" },
        { "analyze-magic", "magic" },
        { "pair-magic", "ni1" },
        { "nifti2-magic-without-guard-bytes", "magic" },
        { "extension-esize-beyond-vox_offset", "esize" },
        { "extension-esize-4", "esize" },
        { "srow-nan", "srow" },
        { "quatern-infinite", "quatern_b" },
        { "empty", "sizeof_hdr" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void A_bad_header_is_refused_naming_the_field(string defect, string field)
    {
        var bytes = Defective(defect);

        var error = Assert.Throws<NiftiFormatException>(() => new NiftiCodec().Read(new MemoryStream(bytes)));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dimensions_past_dim0_are_ignored_and_trailing_ones_are_allowed()
    {
        var twoD = Cube with { Dim = [2, 4, 2, 9, 9, 9, 9, 9] };
        var fiveD = Cube with { Dim = [5, 2, 2, 2, 1, 1, 0, 0] };

        var flat = new NiftiCodec().Read(new MemoryStream(twoD.Build()));
        var padded = new NiftiCodec().Read(new MemoryStream(fiveD.Build()));

        Assert.Equal((4, 2, 1, 1), (flat.SizeX, flat.SizeY, flat.SizeZ, flat.Frames));
        Assert.Equal((2, 2, 2, 1), (padded.SizeX, padded.SizeY, padded.SizeZ, padded.Frames));
    }

    [Fact]
    public void The_reader_takes_a_stream_it_cannot_seek_gzip_or_not_and_leaves_it_open()
    {
        var plain = new ForwardOnlyStream(Cube.Build());
        var zipped = new ForwardOnlyStream(SyntheticNifti.Gzip(Cube.Build()));

        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], new NiftiCodec().Read(plain).Voxels);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], new NiftiCodec().Read(zipped).Voxels);
        Assert.True(plain.CanRead && zipped.CanRead);
    }

    [Fact]
    public void Extensions_are_read_and_padding_up_to_vox_offset_is_skipped()
    {
        var file = Cube with { BigEndian = true, Extensions = [(6, Encoding.ASCII.GetBytes("a comment")), (4, [1, 2, 3])], VoxOffset = 512 };

        var (header, image) = NiftiReader.ReadSingle(new MemoryStream(file.Build()));

        Assert.Equal([6, 4], header.Extensions.Select(e => e.Code));
        Assert.StartsWith("a comment", Encoding.ASCII.GetString(header.Extensions[0].Content), StringComparison.Ordinal);
        Assert.Equal(512, header.VoxOffset);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], image.Volume.Voxels);
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(1, true, true)]
    [InlineData(2, true, false)]
    [InlineData(2, false, true)]
    public void A_pair_reads_from_its_two_streams_with_the_voxels_at_vox_offset(int version, bool bigEndian, bool gzipImage)
    {
        var file = Cube with { Version = version, BigEndian = bigEndian, Pair = true, VoxOffset = 7, Descrip = "pair", Extensions = [(6, [65, 66])] };
        var (hdr, img) = file.BuildPair();

        var image = new NiftiCodec().ReadPair(new MemoryStream(hdr), new MemoryStream(gzipImage ? SyntheticNifti.Gzip(img) : img));

        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], image.Volume.Voxels);
        Assert.Equal("pair", image.Description);
    }

    [Fact]
    public void A_pair_whose_vox_offset_lies_past_any_sane_gap_is_refused_before_reading_the_image()
    {
        var (hdr, _) = (Cube with { Version = 2, Pair = true }).BuildPair();
        BitConverter.GetBytes(1L << 40).CopyTo(hdr, 168);

        var error = Assert.Throws<NiftiFormatException>(() => new NiftiCodec().ReadPair(new MemoryStream(hdr), new ForwardOnlyStream(new byte[16])));

        Assert.Contains("vox_offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_file_given_as_a_pair_header_is_refused_naming_the_magic()
    {
        var error = Assert.Throws<NiftiFormatException>(() => new NiftiCodec().ReadPair(new MemoryStream(Cube.Build()), new MemoryStream()));

        Assert.Contains("n+1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_gzip_is_a_format_error()
    {
        var zipped = SyntheticNifti.Gzip((Cube with { Data = new byte[4096] }).Build());
        for (var n = 12; n < zipped.Length - 8; n++)
        {
            zipped[n] ^= 0x5A;
        }

        Assert.Throws<NiftiFormatException>(() => new NiftiCodec().Read(new MemoryStream(zipped)));
    }

    [Fact]
    public void Header_metadata_reaches_the_image()
    {
        var file = Cube with { IntentCode = 1002, IntentName = "labels", Descrip = "a description" };

        var image = new NiftiCodec().ReadImage(new MemoryStream(file.Build()));

        Assert.Equal((1002, "labels", "a description", NiftiDataType.UInt8), (image.IntentCode, image.IntentName, image.Description, image.DataType));
    }

    private static byte[] Defective(string defect) => defect switch
    {
        "dim0=0" => (Cube with { Dim = [0, 2, 2, 2, 1, 1, 1, 1] }).Build(),
        "dim0=8" => (Cube with { Dim = [8, 2, 2, 2, 1, 1, 1, 1] }).Build(),
        "dim2=0" => (Cube with { Dim = [3, 2, 0, 2, 1, 1, 1, 1] }).Build(),
        "dim1=-4" => (Cube with { Dim = [3, -4, 2, 2, 1, 1, 1, 1] }).Build(),
        "dim5=3" => (Cube with { Dim = [5, 2, 2, 2, 1, 3, 1, 1] }).Build(),
        "dim7=2" => (Cube with { Dim = [7, 2, 2, 2, 1, 1, 1, 2] }).Build(),
        "vox_offset=100" => (Cube with { VoxOffset = 100 }).Build(),
        "vox_offset=348" => (Cube with { VoxOffset = 348 }).Build(),
        "vox_offset=352.5" => Patch((Cube with { VoxOffset = 352 }).Build(), 108, BitConverter.GetBytes(352.5f)),
        "vox_offset=1e12" => Patch(Cube.Build(), 108, BitConverter.GetBytes(1e12f)),
        "too-many-values" => (Cube with { Version = 2, Dim = [3, 1L << 20, 1L << 20, 1L << 20, 1, 1, 1, 1] }).Build(),
        "truncated-voxels" => Cube.Build()[..^1],
        "sizeof_hdr=349" => Patch(Cube.Build(), 0, BitConverter.GetBytes(349)),
        "analyze-magic" => Patch(Cube.Build(), 344, [0, 0, 0, 0]),
        "pair-magic" => Patch(Cube.Build(), 344, "ni1\0"u8.ToArray()),
        "nifti2-magic-without-guard-bytes" => Patch((Cube with { Version = 2 }).Build(), 8, [0, 0, 0, 0]),
        "extension-esize-beyond-vox_offset" => Patch((Cube with { Extensions = [(6, new byte[8])] }).Build(), 352, BitConverter.GetBytes(32)),
        "extension-esize-4" => Patch((Cube with { Extensions = [(6, new byte[8])] }).Build(), 352, BitConverter.GetBytes(4)),
        "srow-nan" => (Cube with { SformCode = 1, Srow = [1, 0, 0, double.NaN, 0, 1, 0, 0, 0, 0, 1, 0] }).Build(),
        "quatern-infinite" => (Cube with { QformCode = 1, Quatern = [double.PositiveInfinity, 0, 0, 0, 0, 0] }).Build(),
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(defect)),
    };

    private static byte[] Patch(byte[] bytes, int at, byte[] value)
    {
        value.CopyTo(bytes, at);
        return bytes;
    }
}
