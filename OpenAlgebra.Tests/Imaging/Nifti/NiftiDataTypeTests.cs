using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>Every datatype of nifti1.h with real, integer, complex or RGB voxels, in both byte orders and both versions.</summary>
public sealed class NiftiDataTypeTests
{
    private const double Slope = 2;
    private const double Intercept = -3;
    private const int Voxels = 3 * 2 * 2 * 2;

    private static readonly int[] Readable = [2, 4, 8, 16, 32, 64, 128, 256, 512, 768, 1024, 1280, 1792, 2304];

    public static TheoryData<int, bool, int, bool> Cases()
    {
        var data = new TheoryData<int, bool, int, bool>();
        foreach (var type in Readable)
        {
            data.Add(type, false, 1, false);
            data.Add(type, true, 1, false);
            data.Add(type, false, 2, true);
            data.Add(type, true, 2, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_datatype_decodes_to_scaled_floats(int datatype, bool bigEndian, int version, bool gzip)
    {
        var file = new SyntheticNifti { Version = version, BigEndian = bigEndian, DataType = datatype, Dim = [4, 3, 2, 2, 2, 1, 1, 1], SclSlope = Slope, SclInter = Intercept };
        var (stored, components, channels, scaled) = Store(file, datatype);
        var bytes = stored.Build();

        var image = new NiftiCodec().ReadImage(new MemoryStream(gzip ? SyntheticNifti.Gzip(bytes) : bytes));

        Assert.Equal((NiftiDataType)datatype, image.DataType);
        Assert.Equal(channels, image.Volume.Channels);
        Assert.Equal((3, 2, 2, 2), (image.Volume.SizeX, image.Volume.SizeY, image.Volume.SizeZ, image.Volume.Frames));
        // nifti1.h: RGB voxels are never scaled; complex ones are, real and imaginary parts alike.
        var expected = components.Select(v => (float)(scaled ? (v * Slope) + Intercept : v)).ToArray();
        Assert.Equal(expected, image.Volume.Voxels);
    }

    [Theory]
    [InlineData(1536, "FLOAT128")]
    [InlineData(2048, "COMPLEX256")]
    [InlineData(1, "BINARY")]
    [InlineData(0, "datatype is 0")]
    [InlineData(2305, "datatype is 2305")]
    public void Datatypes_without_a_float_representation_are_rejected_by_name(int datatype, string words)
    {
        var file = new SyntheticNifti { DataType = datatype, Data = new byte[Voxels * 32] }.Build();

        var error = Assert.Throws<NiftiFormatException>(() => new NiftiCodec().Read(new MemoryStream(file)));

        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(double.NaN, 5.0)]
    [InlineData(double.PositiveInfinity, 5.0)]
    public void A_slope_of_zero_or_not_a_number_means_no_scaling(double slope, double intercept)
    {
        var file = new SyntheticNifti { DataType = 4, SclSlope = slope, SclInter = intercept }.WithComponents<short>(-5, 0, 1, 2, 3, 4, 5, 32767).Build();

        var volume = new NiftiCodec().Read(new MemoryStream(file));

        Assert.Equal([-5f, 0, 1, 2, 3, 4, 5, 32767], volume.Voxels);
    }

    [Fact]
    public void A_usable_slope_with_an_unusable_intercept_is_rejected()
    {
        var file = new SyntheticNifti { DataType = 4, SclSlope = 2, SclInter = double.NaN }.WithComponents(new short[8]).Build();

        var error = Assert.Throws<NiftiFormatException>(() => new NiftiCodec().Read(new MemoryStream(file)));

        Assert.Contains("scl_inter", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The file with its voxels stored, the stored component values, channels per voxel and whether scaling applies.</summary>
    private static (SyntheticNifti File, double[] Components, int Channels, bool Scaled) Store(SyntheticNifti file, int datatype)
    {
        return datatype switch
        {
            2 => Make(1, true, n => (byte)(n * 37 % 256), v => v),
            4 => Make(1, true, n => (short)((n * 1237 % 65536) - 32768), v => v),
            8 => Make(1, true, n => (n * 40_000_000) - 900_000_000, v => v),
            16 => Make(1, true, n => (float)((n * 0.37) - 5), v => v),
            32 => Make(2, true, n => (float)((n * -1.5) + 0.25), v => v),
            64 => Make(1, true, n => (n * 1.2345) - 20, v => v),
            128 => Make(3, false, n => (byte)(n * 11 % 256), v => v),
            256 => Make(1, true, n => (sbyte)((n * 11 % 256) - 128), v => v),
            512 => Make(1, true, n => (ushort)(n * 1301 % 65536), v => v),
            768 => Make(1, true, n => (uint)n * 89_000_000u, v => v),
            1024 => Make(1, true, n => (n * 1_000_000_007L) - 20_000_000_000L, v => v),
            1280 => Make(1, true, n => (ulong)n * 3_000_000_000_000UL, v => v),
            1792 => Make(2, true, n => (n * 1e-3) - 7.5, v => v),
            2304 => Make(4, false, n => (byte)(255 - n), v => v),
            _ => throw new ArgumentOutOfRangeException(nameof(datatype)),
        };

        (SyntheticNifti, double[], int, bool) Make<T>(int channels, bool scaled, Func<int, T> make, Func<T, double> value)
            where T : unmanaged
        {
            var components = Enumerable.Range(0, Voxels * channels).Select(make).ToArray();
            return (file.WithComponents(components), [.. components.Select(value)], channels, scaled);
        }
    }
}
