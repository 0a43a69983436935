using OpenAlgebra.Modules.Imaging.Dicom;

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

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1000));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
