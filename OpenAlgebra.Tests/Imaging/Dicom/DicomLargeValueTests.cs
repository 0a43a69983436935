using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Tests.Imaging.Dicom;

public sealed class DicomLargeValueTests
{
    [Fact]
    public void Values_above_the_threshold_are_spooled_to_disk_and_written_back_unchanged()
    {
        var original = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        var reader = new DicomReader(new DicomReadLimits(LargeValueThreshold: 4096));

        var file = reader.Read(new MemoryStream(original));

        var pixels = Assert.IsType<DicomValueElement>(file.Dataset[DicomTags.PixelData]);
        Assert.False(pixels.Value.IsInMemory);
        Assert.Equal(128 * 128 * 2, pixels.Length);
        Assert.Throws<InvalidOperationException>(() => pixels.Value.Memory);
        var output = new MemoryStream();
        new DicomCodec().Write(file, output);
        Assert.Equal(original, output.ToArray());
    }

    [Fact]
    public void A_forward_only_stream_is_enough()
    {
        using var file = File.OpenRead(DicomSamples.File("MR_small.dcm"));
        using var forwardOnly = new ForwardOnlyStream(file);

        var dicom = new DicomCodec().Read(forwardOnly);

        Assert.Equal("MR", dicom.Dataset.GetString(DicomTags.Modality));
    }

    /// <summary>Forward only, and never more than 1,000 bytes a read: the reader must not count on full reads.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer) => inner.Read(buffer[..Math.Min(buffer.Length, 1000)]);
    }
}
