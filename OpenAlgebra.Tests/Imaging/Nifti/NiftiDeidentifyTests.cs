using System.Text;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>De-identification clears the free-text header fields and drops the extensions, and keeps the image.</summary>
public sealed class NiftiDeidentifyTests
{
    private const string Name = "DOE^JANE";
    private const string BirthDate = "19700101";
    private const string Accession = "ACC-12345";
    private const string Hospital = "St Elsewhere";

    private static readonly SyntheticNifti Identified = new SyntheticNifti
    {
        DataType = 4,
        Dim = [4, 2, 2, 1, 2, 1, 1, 1],
        SclSlope = 0.5,
        SclInter = 10,
        SformCode = 1,
        Srow = [2, 0, 0, -5, 0, 3, 0, 6, 0, 0, 4, 7],
        IntentCode = 1002,
        Descrip = $"{Name} born {BirthDate}",
        AuxFile = Accession,
        IntentName = Hospital,
        DbName = Name,
        Extensions = [(2, Encoding.ASCII.GetBytes($"(0010,0010) PN {Name}")), (6, Encoding.ASCII.GetBytes($"seen at {Hospital}"))],
    }.WithComponents<short>(1, -2, 3, -4, 5, -6, 7, -8);

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public void The_copy_has_no_free_text_and_no_extensions_and_the_same_image(int version, bool bigEndian)
    {
        var file = (Identified with { Version = version, BigEndian = bigEndian }).WithComponents<short>(1, -2, 3, -4, 5, -6, 7, -8).Build();
        var (before, original) = NiftiReader.ReadSingle(new MemoryStream(file));
        Assert.Equal(2, before.Extensions.Count);
        var output = new MemoryStream();

        new NiftiCodec().Deidentify(new MemoryStream(file), output);
        var (after, copy) = NiftiReader.ReadSingle(new MemoryStream(output.ToArray()));

        Assert.Equal(("", "", "", ""), (after.Descrip, after.AuxFile, after.IntentName, after.DbName));
        Assert.Empty(after.Extensions);
        Assert.Equal((version, false), (after.Version, after.BigEndian));
        Assert.Equal(original.Volume.Voxels, copy.Volume.Voxels);
        Assert.Equal(original.Volume.IjkToLps, copy.Volume.IjkToLps);
        Assert.Equal((original.DataType, original.IntentCode), (copy.DataType, copy.IntentCode));
        Assert.Equal((before.SclSlope, before.SclInter), (after.SclSlope, after.SclInter));
        var text = Encoding.Latin1.GetString(NiftiSamples.Decompress(output.ToArray()));
        Assert.All(new[] { Name, BirthDate, Accession, Hospital }, phi => Assert.DoesNotContain(phi, text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_header_copy_clears_only_the_free_text_and_the_extensions()
    {
        var header = NiftiReader.ReadSingle(new MemoryStream(Identified.Build())).Header;

        var clean = header.Deidentified();

        Assert.Equal(header with { Descrip = "", AuxFile = "", IntentName = "", DbName = "", Extensions = clean.Extensions }, clean);
        Assert.Empty(clean.Extensions);
        Assert.Equal($"{Name} born {BirthDate}", header.Descrip);
        Assert.Equal(2, header.Extensions.Count);
    }

    [Theory]
    [InlineData("example4d.nii.gz")]
    [InlineData("anatomical.nii")]
    [InlineData("example_nifti2.nii.gz")]
    public void Nibabel_samples_lose_their_description_and_extensions_and_keep_their_voxels(string sample)
    {
        var path = Path.Combine(Services.NibabelFiles, sample);
        var (before, original) = NiftiReader.ReadSingle(new MemoryStream(File.ReadAllBytes(path)));
        Assert.NotEqual("", before.Descrip);
        var output = new MemoryStream();

        new NiftiCodec().Deidentify(new MemoryStream(File.ReadAllBytes(path)), output);
        var (after, copy) = NiftiReader.ReadSingle(new MemoryStream(output.ToArray()));

        Assert.Equal("", after.Descrip);
        Assert.Empty(after.Extensions);
        Assert.Equal(original.Volume.Voxels, copy.Volume.Voxels);
        Assert.Equal(original.Volume.IjkToLps, copy.Volume.IjkToLps);
        Assert.DoesNotContain("extcomment", Encoding.Latin1.GetString(NiftiSamples.Decompress(output.ToArray())), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_the_reader_refuses_is_refused_for_de_identification_too()
    {
        var truncated = Identified.Build()[..^3];

        Assert.Throws<NiftiFormatException>(() => new NiftiCodec().Deidentify(new MemoryStream(truncated), new MemoryStream()));
    }
}
