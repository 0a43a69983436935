using System.Buffers.Binary;
using System.Runtime.InteropServices;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>Uncompressed layouts the sample files do not all cover, built in memory with known values.</summary>
public sealed class NativePixelTests
{
    private static readonly DicomPixelDecoder Decoder = new();

    [Fact]
    public void One_bit_frames_are_packed_back_to_back_across_byte_boundaries()
    {
        // Three 3×3 frames: 27 bits, so frames 2 and 3 start in the middle of a byte.
        var bits = new bool[27];
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = (i * 7) % 5 < 2;
        }

        var packed = new byte[4];
        for (var i = 0; i < bits.Length; i++)
        {
            packed[i / 8] |= (byte)((bits[i] ? 1 : 0) << (i % 8));
        }

        var pixels = Decoder.Open(SyntheticImages.Native(SyntheticImages.Attributes(3, 3, 1, frames: 3), packed, DicomVR.OB));
        Assert.Equal(PixelSampleType.U8, pixels.Layout.SampleType);
        for (var frame = 0; frame < 3; frame++)
        {
            Assert.Equal(bits.Skip(frame * 9).Take(9).Select(b => (byte)(b ? 1 : 0)), pixels.DecodeFrame(frame));
        }
    }

    [Fact]
    public void Planar_colour_comes_out_interleaved()
    {
        // 2×2 RGB by plane: R R R R G G G G B B B B.
        byte[] planes = [1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24];
        var pixels = Decoder.Open(SyntheticImages.Native(SyntheticImages.Attributes(2, 2, 8, samples: 3, planar: true), planes, DicomVR.OB));
        Assert.Equal([1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24], pixels.DecodeFrame(0));
    }

    [Theory]
    // Unsigned 12 of 16 bits: whatever sits above bit 11 (an old overlay) is dropped.
    [InlineData(12, 11, false, 0xF123, 0x0123)]
    // Signed 12 of 16 bits: bit 11 is the sign.
    [InlineData(12, 11, true, 0x0800, -2048)]
    [InlineData(12, 11, true, 0xFFFF, -1)]
    [InlineData(12, 11, true, 0x07FF, 2047)]
    // High bit 14 (PS3.5 8.1.1 allows the stored bits anywhere): the value is shifted down.
    [InlineData(12, 14, false, 0x7FF8, 0x0FFF)]
    [InlineData(12, 14, true, 0x4000, -2048)]
    public void Stored_bits_are_masked_and_sign_extended(int bitsStored, int highBit, bool isSigned, int stored, int expected)
    {
        var bytes = new byte[2 * 33];
        for (var i = 0; i < 33; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), (ushort)stored);
        }

        // 33 samples: a whole vector or two and a scalar tail, whatever the machine's vector width.
        var attributes = SyntheticImages.Attributes(3, 11, 16, bitsStored: bitsStored, highBit: highBit, signed: isSigned);
        var pixels = Decoder.Open(SyntheticImages.Native(attributes, bytes));
        var frame = pixels.DecodeFrame(0);
        var values = isSigned
            ? MemoryMarshal.Cast<byte, short>(frame).ToArray().Select(v => (int)v)
            : MemoryMarshal.Cast<byte, ushort>(frame).ToArray().Select(v => (int)v);
        Assert.All(values, v => Assert.Equal(expected, v));
    }

    [Fact]
    public void Eight_and_thirty_two_bit_signed_samples_are_sign_extended_too()
    {
        var eight = Decoder.Open(SyntheticImages.Native(SyntheticImages.Attributes(1, 2, 8, bitsStored: 7, signed: true), [0x40, 0x3F], DicomVR.OB));
        Assert.Equal([0xC0, 0x3F], eight.DecodeFrame(0));
        var wide = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(wide, 0x00FF_FFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(wide.AsSpan(4), 0xAB7F_FFFF);
        var thirtyTwo = Decoder.Open(SyntheticImages.Native(SyntheticImages.Attributes(1, 2, 32, bitsStored: 24, signed: true), wide));
        Assert.Equal([-1, 0x7F_FFFF], MemoryMarshal.Cast<byte, int>(thirtyTwo.DecodeFrame(0)).ToArray());
    }

    [Fact]
    public void Big_endian_sixteen_bit_files_decode_to_the_same_samples()
    {
        // Written as Explicit VR Big Endian and read back through the codec.
        var values = Enumerable.Range(0, 12).Select(i => (ushort)(0x0102 * (i + 1))).ToArray();
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var file = SyntheticImages.Native(SyntheticImages.Attributes(3, 4, 16), bytes, DicomVR.OW, DicomTransferSyntax.ExplicitVRBigEndian);
        var again = SyntheticImages.RoundTrip(file);
        Assert.True(again.TransferSyntax.BigEndian);
        Assert.Equal(bytes, Decoder.Open(again).DecodeFrame(0));
    }

    [Theory]
    [InlineData(16, "OW")]
    [InlineData(32, "OW")]
    [InlineData(16, "OB")]
    [InlineData(32, "OB")]
    public void Big_endian_pixel_data_is_swapped_per_sample_on_disk_and_decodes_to_the_same_numbers(int bits, string vr)
    {
        var values = Enumerable.Range(0, 12).Select(i => (uint)(0x0102_0304 * (i + 1)) & (bits == 16 ? 0xFFFFu : uint.MaxValue)).ToArray();
        var size = bits / 8;
        var littleEndian = new byte[values.Length * size];
        var bigEndian = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            if (bits == 16)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(littleEndian.AsSpan(i * size), (ushort)values[i]);
                BinaryPrimitives.WriteUInt16BigEndian(bigEndian.AsSpan(i * size), (ushort)values[i]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(littleEndian.AsSpan(i * size), values[i]);
                BinaryPrimitives.WriteUInt32BigEndian(bigEndian.AsSpan(i * size), values[i]);
            }
        }

        var file = SyntheticImages.Native(SyntheticImages.Attributes(3, 4, bits), littleEndian, Enum.Parse<DicomVR>(vr), DicomTransferSyntax.ExplicitVRBigEndian);
        var written = new MemoryStream();
        new DicomCodec().Write(file, written);

        Assert.True(written.ToArray().AsSpan().EndsWith(bigEndian), "the file holds each sample as one big-endian number");
        var read = new DicomCodec().Read(new MemoryStream(written.ToArray()));
        Assert.Equal(littleEndian, Decoder.Open(read).DecodeFrame(0));
    }

    [Fact]
    public void Float_and_double_float_pixel_data_decode_as_floats()
    {
        float[] floats = [1.5f, -2.25f, float.MaxValue, 0];
        var dataset = SyntheticImages.Attributes(2, 2, 32);
        dataset.Remove(DicomTags.BitsStored);
        dataset.Remove(DicomTags.HighBit);
        dataset.Remove(DicomTags.PixelRepresentation);
        dataset.Set(new DicomValueElement(DicomTags.FloatPixelData, DicomVR.OF, DicomBuffer.FromBytes(MemoryMarshal.AsBytes(floats.AsSpan()).ToArray())));
        var pixels = Decoder.Open(SyntheticImages.RoundTrip(SyntheticImages.File(dataset, DicomTransferSyntax.ExplicitVRBigEndian)));
        Assert.Equal(PixelSampleType.F32, pixels.Layout.SampleType);
        var decoded = new float[4];
        pixels.DecodeFrame<float>(0, decoded);
        Assert.Equal(floats, decoded);

        double[] doubles = [Math.PI, -1e300, 0, 42];
        var doubleSet = SyntheticImages.Attributes(2, 2, 64);
        doubleSet.Remove(DicomTags.BitsStored);
        doubleSet.Remove(DicomTags.HighBit);
        doubleSet.Set(new DicomValueElement(DicomTags.DoubleFloatPixelData, DicomVR.OD, DicomBuffer.FromBytes(MemoryMarshal.AsBytes(doubles.AsSpan()).ToArray())));
        var doublePixels = Decoder.Open(SyntheticImages.File(doubleSet, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Equal(PixelSampleType.F64, doublePixels.Layout.SampleType);
        Assert.Equal(doubles, MemoryMarshal.Cast<byte, double>(doublePixels.DecodeFrame(0)).ToArray());
    }

    [Fact]
    public void Ybr_full_422_is_expanded_and_converted_to_rgb()
    {
        // Two pixels sharing neutral chroma (Cb = Cr = 128) are grey: R = G = B = Y.
        var pixels = Decoder.Open(SyntheticImages.Native(
            SyntheticImages.Attributes(1, 2, 8, samples: 3, photometric: "YBR_FULL_422"), [40, 200, 128, 128], DicomVR.OB));
        Assert.Equal("RGB", pixels.Layout.PhotometricInterpretation);
        Assert.Equal([40, 40, 40, 200, 200, 200], pixels.DecodeFrame(0));
    }

    [Fact]
    public void Pixel_data_shorter_than_its_frames_is_refused_when_opened()
    {
        var file = SyntheticImages.Native(SyntheticImages.Attributes(4, 4, 16, frames: 2), new byte[62]);
        var error = Assert.Throws<DicomFormatException>(() => Decoder.Open(file));
        Assert.Contains("need 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_length_and_padded_values_decode()
    {
        // 3×3 RGB at 8 bits is 27 bytes, padded to 28 by the writer's rules; the pad byte is not a pixel.
        var bytes = Enumerable.Range(0, 28).Select(i => (byte)i).ToArray();
        var pixels = Decoder.Open(SyntheticImages.Native(SyntheticImages.Attributes(3, 3, 8, samples: 3), bytes, DicomVR.OB));
        Assert.Equal(bytes[..27], pixels.DecodeFrame(0));
    }

    public static TheoryData<string, Action<DicomDataset>> BrokenAttributes => new()
    {
        { "no rows", d => d.Remove(DicomTags.Rows) },
        { "zero columns", d => d.SetUInt16(DicomTags.Columns, 0) },
        { "12 bits allocated", d => d.SetUInt16(DicomTags.BitsAllocated, 12) },
        { "bits stored above allocated", d => d.SetUInt16(DicomTags.BitsStored, 17) },
        { "high bit below bits stored", d => d.SetUInt16(DicomTags.HighBit, 3) },
        { "two samples", d => d.SetUInt16(DicomTags.SamplesPerPixel, 2) },
        { "RGB with one sample", d => d.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "RGB") },
        { "unknown photometric", d => d.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "CMYK") },
        { "zero frames", d => d.SetString(DicomTags.NumberOfFrames, DicomVR.IS, "0") },
        { "frames not a number", d => d.SetString(DicomTags.NumberOfFrames, DicomVR.IS, "1A") },
        { "pixel representation 2", d => d.SetUInt16(DicomTags.PixelRepresentation, 2) },
        { "a frame over 1 GiB", d => { d.SetUInt16(DicomTags.Rows, 65535); d.SetUInt16(DicomTags.Columns, 65535); } },
    };

    [Theory]
    [MemberData(nameof(BrokenAttributes))]
    public void Broken_pixel_attributes_are_a_format_error(string why, Action<DicomDataset> breakIt)
    {
        var dataset = SyntheticImages.Attributes(4, 4, 16);
        breakIt(dataset);
        var file = SyntheticImages.Native(dataset, new byte[32]);
        var error = Record.Exception(() => Decoder.Open(file));
        Assert.True(error is DicomFormatException, $"{why}: {error?.GetType().Name ?? "no error"}");
    }

    [Fact]
    public void A_data_set_without_pixels_is_a_format_error()
    {
        var file = SyntheticImages.File(SyntheticImages.Attributes(4, 4, 16), DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Throws<DicomFormatException>(() => Decoder.Open(file));
    }

    [Fact]
    public void Frame_index_and_destination_size_are_checked()
    {
        var pixels = Decoder.Open(SyntheticImages.Native(SyntheticImages.Attributes(2, 2, 16), new byte[8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => pixels.DecodeFrame(1));
        Assert.Throws<ArgumentException>(() => pixels.DecodeFrame(0, new byte[7]));
        Assert.Throws<ArgumentException>(() => pixels.DecodeFrame<int>(0, new int[4]));
    }
}
