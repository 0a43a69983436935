using System.Buffers.Binary;
using System.Diagnostics;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.Dicom;

/// <summary>Hostile and broken input: only <see cref="DicomFormatException"/>, in bounded time and memory.</summary>
public sealed class DicomSafetyTests
{
    private static readonly DicomCodec Codec = new();

    private static readonly string[] MutationSources =
    [
        "CT_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "rtplan.dcm", "image_dfl.dcm",
        "nested_priv_SQ.dcm", "UN_sequence.dcm", "SC_rgb_rle.dcm", "JPEG2000.dcm", "no_meta_group_length.dcm",
    ];

    [Fact]
    public void Thousands_of_corrupted_copies_give_only_DicomFormatException_quickly()
    {
        var random = new Random(20261128);
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        var mutants = 0;
        foreach (var name in MutationSources)
        {
            var original = File.ReadAllBytes(DicomSamples.File(name));
            for (var n = 0; n < 400; n++)
            {
                var (mutant, how) = Mutate(original, random);
                mutants++;
                var watch = Stopwatch.StartNew();
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    Codec.Read(new MemoryStream(mutant));
                }
                catch (DicomFormatException)
                {
                    // the expected outcome for most mutants
                }
                catch (Exception e)
                {
                    failures.Add($"{name} {how}: {e.GetType().Name}: {e.Message}");
                }

                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > (64L << 20) + (mutant.Length * 64L))
                {
                    failures.Add($"{name} {how}: allocated {allocated} bytes for a {mutant.Length}-byte input");
                }

                slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {mutants} mutants failed:\n" + string.Join('\n', failures.Take(20)));
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"the slowest mutant took {slowest}");
    }

    [Fact]
    public void A_declared_length_of_almost_4_GB_on_a_small_file_fails_fast_without_allocating_it()
    {
        var bytes = Element(0x0010, 0x0010, "LO"u8, 0);
        var huge = Concat(Preamble(), ExplicitLong(0x7FE0, 0x0010, "OB"u8, 0xFFFF_FFF0), new byte[100]);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<DicomFormatException>(() => Codec.Read(new MemoryStream(huge)));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4L << 20);
        Assert.Equal(DicomTags.PixelData, error.Tag);
        Assert.Contains("before the declared length", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(bytes);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_with_the_tag()
    {
        // 100 nested undefined-length sequences, each in an undefined-length item.
        var stream = new MemoryStream();
        stream.Write(Preamble());
        for (var i = 0; i < 100; i++)
        {
            stream.Write(ExplicitLong(0x0008, 0x1140, "SQ"u8, 0xFFFF_FFFF));
            stream.Write(TagAndLength(0xFFFE, 0xE000, 0xFFFF_FFFF));
        }

        var error = Assert.Throws<DicomFormatException>(() => Codec.Read(new MemoryStream(stream.ToArray())));

        Assert.Contains("nested deeper than 64", error.Message, StringComparison.Ordinal);
        Assert.Equal(new DicomTag(0x0008, 0x1140), error.Tag);
    }

    [Fact]
    public void An_element_running_past_its_item_is_refused()
    {
        var item = Element(0x0008, 0x1150, "UI"u8, 40, new byte[40]);
        var bytes = Concat(Preamble(), ExplicitLong(0x0008, 0x1140, "SQ"u8, 8 + 20), TagAndLength(0xFFFE, 0xE000, 20), item);

        var error = Assert.Throws<DicomFormatException>(() => Codec.Read(new MemoryStream(bytes)));

        Assert.Contains("past the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_data_set_without_meta_reads_with_its_syntax_inferred()
    {
        var bytes = Concat(Element(0x0008, 0x0060, "CS"u8, 2, "CT"u8.ToArray()), Element(0x0010, 0x0010, "PN"u8, 4, "A^B "u8.ToArray()));

        var file = Codec.Read(new MemoryStream(bytes));

        Assert.Null(file.Preamble);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("A^B", file.Dataset.GetString(DicomTags.PatientName));
    }

    [Theory]
    [InlineData("%PDF-1.7 not an image")]
    [InlineData("PK\u0003\u0004 a zip archive")]
    public void Other_files_are_told_apart_from_raw_data_sets(string content)
    {
        var error = Assert.Throws<DicomFormatException>(() => Codec.Read(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(content))));

        Assert.StartsWith("Not DICOM", error.Message, StringComparison.Ordinal);
    }

    private static (byte[] Bytes, string How) Mutate(byte[] original, Random random)
    {
        var copy = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0:
                var length = random.Next(copy.Length);
                return (copy[..length], $"truncated at {length}");
            case 1:
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                return (copy, $"{flips} bits flipped");
            default:
                var at = random.Next(Math.Max(1, copy.Length - 4));
                uint[] lengths = [0xFFFF_FFFF, 0x7FFF_FFFF, 0xFFFF_FFF0, (uint)random.Next(), 0, 1, 0xFFFF];
                var value = lengths[random.Next(lengths.Length)];
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at, 4), value);
                return (copy, $"0x{value:X8} written at {at}");
        }
    }

    private static byte[] Preamble() => Concat(new byte[128], "DICM"u8.ToArray(),
        Element(0x0002, 0x0010, "UI"u8, 20, "1.2.840.10008.1.2.1\0"u8.ToArray()));

    private static byte[] Element(ushort group, ushort element, ReadOnlySpan<byte> vr, ushort length, byte[]? value = null)
    {
        var bytes = new byte[8 + (value?.Length ?? 0)];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), element);
        vr.CopyTo(bytes.AsSpan(4));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), length);
        value?.CopyTo(bytes, 8);
        return bytes;
    }

    private static byte[] ExplicitLong(ushort group, ushort element, ReadOnlySpan<byte> vr, uint length)
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), element);
        vr.CopyTo(bytes.AsSpan(4));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), length);
        return bytes;
    }

    private static byte[] TagAndLength(ushort group, ushort element, uint length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), element);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), length);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
