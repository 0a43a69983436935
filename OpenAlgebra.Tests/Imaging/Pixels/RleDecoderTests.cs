using System.Buffers.Binary;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>RLE Lossless: round trips through a test encoder, and corrupt headers refused.</summary>
public sealed class RleDecoderTests
{
    private static readonly DicomPixelDecoder Decoder = new();

    [Theory]
    [InlineData(8, 1, false)]
    [InlineData(8, 3, false)]
    [InlineData(16, 1, true)]
    [InlineData(16, 3, false)]
    [InlineData(32, 1, false)]
    [InlineData(32, 3, false)]
    public void Frames_encoded_here_decode_to_the_same_samples(int bits, int samples, bool isSigned)
    {
        const int Rows = 17, Columns = 23, Frames = 3;
        var frameLength = Rows * Columns * samples * bits / 8;
        var frames = Enumerable.Range(0, Frames).Select(f => Pattern(frameLength, f)).ToArray();
        var file = SyntheticImages.Encapsulated(
            SyntheticImages.Attributes(Rows, Columns, bits, samples, signed: isSigned, frames: Frames),
            DicomTransferSyntax.RleLossless,
            [],
            frames.Select(f => RleTestEncoder.EncodeFrame(f, samples, bits / 8)).ToArray());
        var pixels = Decoder.Open(SyntheticImages.RoundTrip(file));
        for (var f = 0; f < Frames; f++)
        {
            Assert.Equal(frames[f], pixels.DecodeFrame(f));
        }
    }

    [Fact]
    public void Frames_are_found_through_the_basic_offset_table()
    {
        var first = RleTestEncoder.EncodeFrame(Pattern(16, 1), 1, 1);
        var second = RleTestEncoder.EncodeFrame(Pattern(16, 2), 1, 1);
        var table = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4), (uint)(8 + first.Length));
        var pixels = Decoder.Open(SyntheticImages.Encapsulated(
            SyntheticImages.Attributes(4, 4, 8, frames: 2), DicomTransferSyntax.RleLossless, table, first, second));
        Assert.Equal(Pattern(16, 2), pixels.DecodeFrame(1));
    }

    public static TheoryData<string, Func<byte[], byte[]>> Corruptions => new()
    {
        { "header cut short", f => f[..40] },
        { "wrong segment count", f => With(f, 0, 2) },
        { "first segment not at 64", f => With(f, 4, 60) },
        { "segment beyond the end", f => With(f, 4, (uint)f.Length + 10) },
        { "segment data cut short", f => f[..70] },
        { "literal run past the end", f => [.. f[..64], 0x7F, 1, 2] },
        { "replicate run without its byte", f => [.. f[..64], 0xFE] },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Corrupt_frames_are_a_format_error(string why, Func<byte[], byte[]> corrupt)
    {
        var frame = RleTestEncoder.EncodeFrame(Pattern(64, 3), 1, 1);
        var pixels = Decoder.Open(SyntheticImages.Encapsulated(
            SyntheticImages.Attributes(8, 8, 8), DicomTransferSyntax.RleLossless, [], corrupt(frame)));
        var error = Record.Exception(() => pixels.DecodeFrame(0));
        Assert.True(error is DicomFormatException, $"{why}: {error?.GetType().Name ?? "decoded"}");
    }

    [Fact]
    public void Fragments_that_are_not_one_per_frame_are_refused_without_an_offset_table()
    {
        var frame = RleTestEncoder.EncodeFrame(Pattern(16, 1), 1, 1);
        var file = SyntheticImages.Encapsulated(SyntheticImages.Attributes(4, 4, 8, frames: 2), DicomTransferSyntax.RleLossless, [], frame, frame[..32], frame[32..]);
        Assert.Throws<DicomFormatException>(() => Decoder.Open(file));
    }

    [Fact]
    public void A_header_declaring_more_than_the_fragment_can_hold_is_refused_before_any_buffer()
    {
        // 4096 × 4096 × 2 bytes need at least 512 KiB of RLE; the fragment has 80 bytes.
        var frame = RleTestEncoder.EncodeFrame(Pattern(32, 1), 1, 2);
        var file = SyntheticImages.Encapsulated(SyntheticImages.Attributes(4096, 4096, 16), DicomTransferSyntax.RleLossless, [], frame);
        Assert.Throws<DicomFormatException>(() => Decoder.Open(file));
    }

    /// <summary>Bytes with runs and noise in them, so both kinds of PackBits run occur.</summary>
    private static byte[] Pattern(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (i / 7 % 3) == 0 ? (byte)seed : (byte)random.Next(256);
        }

        return bytes;
    }

    private static byte[] With(byte[] frame, int at, uint value)
    {
        var copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
        return copy;
    }
}
