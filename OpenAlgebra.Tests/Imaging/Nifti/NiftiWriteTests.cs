using System.Buffers.Binary;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>Masks and float volumes written as NIfTI-1 .nii.gz read back, here and in nibabel, with their grid and voxels.</summary>
public sealed class NiftiWriteTests : IDisposable
{
    private const int X = 7;
    private const int Y = 5;
    private const int Z = 3;

    private readonly string _temp = Directory.CreateTempSubdirectory("openalgebra-nifti-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>LPS, rotated 30° about an oblique axis, spacing 0.7 × 1.3 × 2.5 mm, right-handed.</summary>
    private static Affine Rotated { get; } = Oblique(mirror: false);

    /// <summary>The same with k reversed: a left-handed grid, which the qform stores with qfac = −1.</summary>
    private static Affine Mirrored { get; } = Oblique(mirror: true);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    public static TheoryData<string> LabelTypes() => ["uint8", "uint16", "int16"];

    [Theory]
    [MemberData(nameof(LabelTypes))]
    public void A_mask_round_trips_with_its_labels_and_grid(string type)
    {
        var labels = Enumerable.Range(0, X * Y * Z).Select(n => n % 5 == 0 ? 0 : (n % 3) + 1).ToArray();
        var output = new MemoryStream();

        WriteMask(output, type, labels, Rotated);
        var (header, image) = NiftiReader.ReadSingle(new MemoryStream(output.ToArray()));

        Assert.Equal(labels.Select(l => (float)l), image.Volume.Voxels);
        Assert.Equal((X, Y, Z, 1, 1), (image.Volume.SizeX, image.Volume.SizeY, image.Volume.SizeZ, image.Volume.Frames, image.Volume.Channels));
        Assert.Equal((1002, type), (image.IntentCode, image.DataType.ToString().ToLowerInvariant()));
        Assert.True(image.Volume.IjkToLps.ApproximatelyEquals(Rotated, 1e-4), $"{image.Volume.IjkToLps} vs {Rotated}");
        Assert.Equal((1, 1), (header.SformCode, header.QformCode));
        Assert.True(NiftiGeometry.Qform(header).ApproximatelyEquals(Rotated.FlipXY(), 1e-4), $"qform {NiftiGeometry.Qform(header)}");
        Assert.Equal(1.0, header.PixDim[0]);
    }

    [Fact]
    public void A_float_volume_with_frames_and_a_left_handed_grid_round_trips()
    {
        var voxels = Enumerable.Range(0, X * Y * Z * 2).Select(n => (float)Math.Sin(n) * 1000).ToArray();
        var volume = new Volume(X, Y, Z, 2, 1, voxels, Mirrored);
        var output = new MemoryStream();

        new NiftiCodec().WriteVolume(output, volume);
        var (header, image) = NiftiReader.ReadSingle(new MemoryStream(output.ToArray()));

        Assert.Equal(voxels, image.Volume.Voxels);
        Assert.Equal((X, Y, Z, 2), (image.Volume.SizeX, image.Volume.SizeY, image.Volume.SizeZ, image.Volume.Frames));
        Assert.Equal(NiftiDataType.Float32, image.DataType);
        Assert.True(image.Volume.IjkToLps.ApproximatelyEquals(Mirrored, 1e-4), $"{image.Volume.IjkToLps} vs {Mirrored}");
        Assert.Equal(-1.0, header.PixDim[0]);
        Assert.True(NiftiGeometry.Qform(header).ApproximatelyEquals(Mirrored.FlipXY(), 1e-4), $"qform {NiftiGeometry.Qform(header)}");
    }

    [Fact]
    public void The_output_is_gzip_little_endian_NIfTI_1_without_extensions()
    {
        var output = new MemoryStream();
        new NiftiCodec().WriteMask(output, new byte[X * Y * Z], X, Y, Z, Rotated);

        var bytes = output.ToArray();
        Assert.Equal([0x1F, 0x8B], bytes[..2]);
        var plain = NiftiSamples.Decompress(bytes);
        Assert.Equal(348, BinaryPrimitives.ReadInt32LittleEndian(plain));
        Assert.Equal("n+1\0"u8.ToArray(), plain[344..348]);
        Assert.Equal(352f, BinaryPrimitives.ReadSingleLittleEndian(plain.AsSpan(108)));
        Assert.Equal([0, 0, 0, 0], plain[348..352]);
        Assert.Equal(352 + (X * Y * Z), plain.Length);
    }

    [Fact]
    public async Task Nibabel_reads_written_masks_and_volumes_with_the_same_affine_and_voxels()
    {
        var labels = Enumerable.Range(0, X * Y * Z).Select(n => (ushort)(n * 97 % 700)).ToArray();
        var voxels = Enumerable.Range(0, X * Y * Z * 2).Select(n => (n * 0.37f) - 20).ToArray();
        var mask = Path.Combine(_temp, "mask.nii.gz");
        var volume = Path.Combine(_temp, "volume.nii.gz");
        await using (var file = File.Create(mask))
        {
            new NiftiCodec().WriteMask(file, labels, X, Y, Z, Rotated);
        }

        await using (var file = File.Create(volume))
        {
            new NiftiCodec().WriteVolume(file, new Volume(X, Y, Z, 2, 1, voxels, Mirrored));
        }

        var views = await Nibabel.LoadAsync([mask, volume], Ct);

        var problems = new List<string>();
        foreach (var view in views)
        {
            Assert.Null(view.Error);
            await using var file = File.OpenRead(view.Path);
            var (header, image) = NiftiReader.ReadSingle(file);
            problems.AddRange(NibabelComparison.Differences(Path.GetFileName(view.Path), view, header, image));
        }

        Assert.Empty(problems);
        Assert.True(views[0].Affine!.ApproximatelyEquals(Rotated.FlipXY(), 1e-4), $"nibabel's mask affine {views[0].Affine}");
        Assert.True(views[1].Affine!.ApproximatelyEquals(Mirrored.FlipXY(), 1e-4), $"nibabel's volume affine {views[1].Affine}");
        Assert.Equal(labels.Select(l => (float)l), views[0].Voxels!);
        Assert.Equal(voxels, views[1].Voxels!);
        Assert.Equal(1002, views[0].Intent);
    }

    [Fact]
    public void Writes_that_NIfTI_1_cannot_hold_are_refused_before_writing()
    {
        var codec = new NiftiCodec();
        var output = new MemoryStream();

        Assert.Throws<ArgumentException>(() => codec.WriteMask(output, new byte[5], X, Y, Z, Rotated));
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.WriteMask(output, new byte[40000], 40000, 1, 1, Rotated));
        Assert.Throws<ArgumentException>(() => codec.WriteMask(output, new byte[8], 2, 2, 2, new Affine([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0])));
        Assert.Throws<ArgumentException>(() => codec.WriteVolume(output, new Volume(1, 1, 1, 1, 2, new float[2], Affine.Identity)));
        Assert.Equal(0, output.Length);
    }

    private static void WriteMask(Stream output, string type, int[] labels, Affine affine)
    {
        var codec = new NiftiCodec();
        switch (type)
        {
            case "uint8":
                codec.WriteMask(output, labels.Select(l => (byte)l).ToArray(), X, Y, Z, affine);
                break;
            case "uint16":
                codec.WriteMask(output, labels.Select(l => (ushort)l).ToArray(), X, Y, Z, affine);
                break;
            default:
                codec.WriteMask(output, labels.Select(l => (short)l).ToArray(), X, Y, Z, affine);
                break;
        }
    }

    private static Affine Oblique(bool mirror)
    {
        // Rodrigues' rotation of 30° about the unit axis (1, 2, 2) / 3.
        var (x, y, z) = (1 / 3.0, 2 / 3.0, 2 / 3.0);
        var (c, s) = (Math.Cos(Math.PI / 6), Math.Sin(Math.PI / 6));
        var t = 1 - c;
        double[] r =
        [
            (t * x * x) + c, (t * x * y) - (s * z), (t * x * z) + (s * y),
            (t * x * y) + (s * z), (t * y * y) + c, (t * y * z) - (s * x),
            (t * x * z) - (s * y), (t * y * z) + (s * x), (t * z * z) + c,
        ];
        double[] spacing = [0.7, 1.3, mirror ? -2.5 : 2.5];
        return new Affine(
        [
            r[0] * spacing[0], r[1] * spacing[1], r[2] * spacing[2], -100.5,
            r[3] * spacing[0], r[4] * spacing[1], r[5] * spacing[2], 20.25,
            r[6] * spacing[0], r[7] * spacing[1], r[8] * spacing[2], 33,
        ]);
    }
}
