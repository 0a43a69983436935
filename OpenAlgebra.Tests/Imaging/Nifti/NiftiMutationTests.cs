using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>
/// Damaged files (truncated, bit-flipped, with length fields set to extremes, gzip damaged) are refused with a
/// <see cref="NiftiFormatException"/> or read, quickly, and never make the reader allocate for sizes the bytes do not back.
/// </summary>
public sealed class NiftiMutationTests
{
    private const int MutationsPerSample = 600;
    private static readonly TimeSpan PerFileLimit = TimeSpan.FromSeconds(2);

    /// <summary>The small nibabel samples: both versions, both byte orders, gzip and plain, with and without extensions.</summary>
    private static readonly string[] Samples =
    [
        "standard.nii.gz", "resampled_anat_moved.nii", "functional.nii", "example_nifti2.nii.gz", "anatomical.nii", "reoriented_anat_moved.nii",
    ];

    [Fact]
    public void Mutated_samples_are_read_or_refused_with_a_format_error_in_bounded_time()
    {
        var directory = Services.NibabelFiles;
        var inputs = Samples.Select(s => (Name: s, Bytes: File.ReadAllBytes(Path.Combine(directory, s)))).ToList();
        inputs.Add(("synthetic NIfTI-2 big endian with extensions", Synthetic(version: 2, bigEndian: true)));
        inputs.Add(("synthetic NIfTI-1 with extensions", Synthetic(version: 1, bigEndian: false)));

        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        var random = new Random(20240229);
        foreach (var (name, original) in inputs)
        {
            for (var trial = 0; trial < MutationsPerSample; trial++)
            {
                var (mutant, how) = Mutate(original, random);
                var outcome = Attempt(mutant, forwardOnly: trial % 2 == 1, deidentify: trial % 5 == 0, out var elapsed);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                if (outcome.StartsWith("unexpected", StringComparison.Ordinal) || elapsed > PerFileLimit)
                {
                    failures.Add($"{name}, trial {trial} ({how}): {outcome} after {elapsed.TotalMilliseconds:F0} ms");
                }
            }
        }

        Assert.Empty(failures);
        // The mutations must reach both outcomes, or the test proves little.
        Assert.True(outcomes.GetValueOrDefault("read") > 100 && outcomes.GetValueOrDefault("refused") > 1000, string.Join(", ", outcomes));
    }

    [Fact]
    public void Mutated_pair_headers_are_read_or_refused_with_a_format_error()
    {
        var (header, image) = (new SyntheticNifti { Pair = true, DataType = 512, Dim = [3, 4, 4, 2, 1, 1, 1, 1], Extensions = [(6, [1, 2, 3])] })
            .WithComponents(Enumerable.Range(0, 32).Select(n => (ushort)n).ToArray()).BuildPair();
        var random = new Random(7);
        var failures = new List<string>();
        for (var trial = 0; trial < 300; trial++)
        {
            var (mutant, how) = Mutate(header, random);
            try
            {
                new NiftiCodec().ReadPair(new MemoryStream(mutant), new ForwardOnlyStream(image));
            }
            catch (NiftiFormatException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"trial {trial} ({how}): {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(failures);
    }

    public static TheoryData<string, string> HugeDeclarations() => new()
    {
        { "voxels", "seekable" }, { "voxels", "forward-only" }, { "voxels", "gzip" },
        { "extension", "seekable" }, { "extension", "forward-only" }, { "extension", "gzip" },
        { "vox_offset", "seekable" }, { "vox_offset", "forward-only" }, { "vox_offset", "gzip" }, { "dimensions", "gzip" },
    };

    [Theory]
    [MemberData(nameof(HugeDeclarations))]
    public void A_huge_declared_size_in_a_tiny_file_fails_fast_without_allocating_for_it(string what, string stream)
    {
        var file = what switch
        {
            // 1000 × 1000 × 500 float32: 2 GB of voxels declared, 16 bytes present.
            "voxels" => new SyntheticNifti { DataType = 16, Dim = [3, 1000, 1000, 500, 1, 1, 1, 1] }.WithComponents(new float[4]).Build(),
            // An extension claiming 200 MB of a 250 MB extension area, in a file of a few hundred bytes.
            "extension" => Patch(Patch(new SyntheticNifti { Version = 2, Extensions = [(6, new byte[8])] }.Build(), 168, 250_000_000L), 544, 200_000_000),
            "vox_offset" => Patch(new SyntheticNifti { Version = 2 }.Build(), 168, 250_000_000L),
            _ => new SyntheticNifti { Version = 2, Dim = [4, 1L << 40, 1L << 40, 1, 1, 1, 1, 1] }.Build(),
        };
        var codec = new NiftiCodec();
        Stream Open() => stream switch
        {
            "seekable" => new MemoryStream(file),
            "forward-only" => new ForwardOnlyStream(file),
            _ => new MemoryStream(SyntheticNifti.Gzip(file)),
        };

        // Once to load and JIT everything on the path, then measured.
        Assert.Throws<NiftiFormatException>(() => codec.Read(Open()));
        using var input = Open();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Assert.Throws<NiftiFormatException>(() => codec.Read(input));
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    private static string Attempt(byte[] bytes, bool forwardOnly, bool deidentify, out TimeSpan elapsed)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using Stream input = forwardOnly ? new ForwardOnlyStream(bytes) : new MemoryStream(bytes);
            if (deidentify)
            {
                new NiftiCodec().Deidentify(input, Stream.Null);
            }
            else
            {
                new NiftiCodec().Read(input);
            }

            return "read";
        }
        catch (NiftiFormatException)
        {
            return "refused";
        }
        catch (Exception e)
        {
            return $"unexpected {e.GetType().Name}: {e.Message}";
        }
        finally
        {
            elapsed = clock.Elapsed;
        }
    }

    /// <summary>One damaged copy and how it was damaged. Gzip files are damaged inside (then recompressed) or in their compressed bytes.</summary>
    private static (byte[] Bytes, string How) Mutate(byte[] original, Random random)
    {
        var gzip = original is [0x1F, 0x8B, ..];
        if (gzip && random.Next(4) == 0)
        {
            var (damaged, how) = Damage(original, random);
            return (damaged, $"compressed bytes: {how}");
        }

        var plain = gzip ? NiftiSamples.Decompress(original) : original;
        var (mutant, change) = random.Next(3) == 0 ? CorruptLengthField(plain, random) : Damage(plain, random);
        return (gzip ? SyntheticNifti.Gzip(mutant) : mutant, change);
    }

    private static (byte[] Bytes, string How) Damage(byte[] original, Random random)
    {
        // Most damage lands in the header and extensions, where the sizes are.
        int Position(int length) => random.Next(2) == 0 ? random.Next(Math.Min(length, 700)) : random.Next(length);
        if (random.Next(3) == 0)
        {
            var length = Position(original.Length);
            return (original[..length], $"truncated to {length}");
        }

        var bytes = (byte[])original.Clone();
        var flips = random.Next(1, 9);
        var at = new List<int>();
        for (var n = 0; n < flips; n++)
        {
            var position = Position(bytes.Length);
            bytes[position] ^= (byte)(1 << random.Next(8));
            at.Add(position);
        }

        return (bytes, $"bits flipped at {string.Join(',', at)}");
    }

    /// <summary>Sets one size, offset, type or scaling field to an extreme value, in the header's own byte order.</summary>
    private static (byte[] Bytes, string How) CorruptLengthField(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var bigEndian = BinaryPrimitives.ReadInt32LittleEndian(bytes) is not (348 or 540);
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes) is 540 or 0x1C020000 ? 2 : 1;
        (string Name, int Offset, int Size)[] fields = version == 1
            ? [("sizeof_hdr", 0, 4), ("dim", 40 + (2 * random.Next(8)), 2), ("datatype", 70, 2), ("vox_offset", 108, -4), ("scl_slope", 112, -4),
               ("scl_inter", 116, -4), ("qform_code", 252, 2), ("sform_code", 254, 2), ("quatern", 256 + (4 * random.Next(6)), -4),
               ("srow", 280 + (4 * random.Next(12)), -4), ("extension flag", 348, 4), ("esize", 352, 4), ("esize 2", 368, 4)]
            : [("sizeof_hdr", 0, 4), ("datatype", 12, 2), ("dim", 16 + (8 * random.Next(8)), 8), ("vox_offset", 168, 8), ("scl_slope", 176, -8),
               ("scl_inter", 184, -8), ("qform_code", 344, 4), ("sform_code", 348, 4), ("quatern", 352 + (8 * random.Next(6)), -8),
               ("srow", 400 + (8 * random.Next(12)), -8), ("extension flag", 540, 4), ("esize", 544, 4), ("esize 2", 560, 4)];
        var (name, offset, size) = fields[random.Next(fields.Length)];
        if (offset + Math.Abs(size) > bytes.Length)
        {
            return (bytes, $"{name} beyond the end");
        }

        long[] integers = [0, -1, 1, 2, 3, 4, 5, 7, 8, 16, 255, 256, 348, 352, 540, 544, 1536, 2048, short.MaxValue, short.MinValue, int.MaxValue, int.MinValue,
            long.MaxValue, long.MinValue, random.Next(), random.NextInt64()];
        double[] reals = [0, -1, 1, 0.5, 352.5, 1e30, -1e30, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e12, random.NextDouble() * 1e6];
        var value = size > 0 ? integers[random.Next(integers.Length)] : 0;
        var real = reals[random.Next(reals.Length)];
        var field = bytes.AsSpan(offset, Math.Abs(size));
        switch (size)
        {
            case 2:
                Write(field, (short)value, bigEndian);
                break;
            case 4:
                Write(field, (int)value, bigEndian);
                break;
            case 8:
                Write(field, value, bigEndian);
                break;
            case -4:
                Write(field, BitConverter.SingleToInt32Bits((float)real), bigEndian);
                break;
            default:
                Write(field, BitConverter.DoubleToInt64Bits(real), bigEndian);
                break;
        }

        return (bytes, size > 0 ? $"{name} = {value}" : $"{name} = {real}");
    }

    private static void Write(Span<byte> field, long value, bool bigEndian)
    {
        Span<byte> little = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(little, value);
        little[..field.Length].CopyTo(field);
        if (bigEndian)
        {
            field.Reverse();
        }
    }

    private static byte[] Synthetic(int version, bool bigEndian) => new SyntheticNifti
    {
        Version = version,
        BigEndian = bigEndian,
        DataType = 32,
        Dim = [4, 5, 4, 3, 2, 1, 1, 1],
        SclSlope = 2,
        SformCode = 1,
        QformCode = 1,
        Quatern = [0.1, 0.2, 0.3, 1, 2, 3],
        Extensions = [(6, Encoding.ASCII.GetBytes("first extension")), (4, new byte[40])],
    }.WithComponents(Enumerable.Range(0, 5 * 4 * 3 * 2 * 2).Select(n => n * 0.5f).ToArray()).Build();

    private static byte[] Patch(byte[] bytes, int at, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);
        return bytes;
    }

    private static byte[] Patch(byte[] bytes, int at, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), value);
        return bytes;
    }
}
