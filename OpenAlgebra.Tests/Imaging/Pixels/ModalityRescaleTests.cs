using System.Runtime.InteropServices;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Tests.Imaging.Pixels;

public sealed class ModalityRescaleTests
{
    // 67 samples: whole vectors and a scalar tail on any vector width.
    private const int Count = 67;

    public static TheoryData<PixelSampleType, double, double> Cases => new()
    {
        { PixelSampleType.U8, 1, 0 },
        { PixelSampleType.S8, 2, -3 },
        { PixelSampleType.U16, 1, -1024 },
        { PixelSampleType.S16, 2.5, 10 },
        { PixelSampleType.U32, 0.5, 0 },
        { PixelSampleType.S32, 1, -1024 },
        { PixelSampleType.F32, 3, 1.5 },
        { PixelSampleType.F64, -1, 100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_sample_type_maps_to_slope_times_value_plus_intercept(PixelSampleType type, double slope, double intercept)
    {
        var (bytes, values) = Samples(type);
        var output = new float[Count];
        new ModalityRescale(slope, intercept).Apply(bytes, type, output);
        for (var i = 0; i < Count; i++)
        {
            var expected = (values[i] * slope) + intercept;
            Assert.True(Math.Abs(output[i] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{type}[{i}]: {output[i]}, expected {expected}");
        }
    }

    [Fact]
    public void Slope_and_intercept_default_to_one_and_zero()
    {
        Assert.Equal(ModalityRescale.Identity, ModalityRescale.FromDataset(new DicomDataset()));
        var ct = new DicomDataset();
        ct.SetString(DicomTags.RescaleSlope, DicomVR.DS, "1");
        ct.SetString(DicomTags.RescaleIntercept, DicomVR.DS, "-1024");
        Assert.Equal(new ModalityRescale(1, -1024), ModalityRescale.FromDataset(ct));
        ct.SetString(DicomTags.RescaleSlope, DicomVR.DS, "one");
        Assert.Throws<DicomFormatException>(() => ModalityRescale.FromDataset(ct));
    }

    [Fact]
    public void CT_small_rescales_to_hounsfield_units()
    {
        var file = PixelTestFiles.Read(Dicom.DicomSamples.File("CT_small.dcm"));
        var pixels = PixelTestFiles.Decoder.Open(file);
        var rescale = ModalityRescale.FromDataset(file.Dataset);
        var hu = new float[pixels.Layout.SamplesPerFrame];
        rescale.Apply(pixels.DecodeFrame(0), pixels.Layout.SampleType, hu);
        var stored = MemoryMarshal.Cast<byte, short>(pixels.DecodeFrame(0));
        for (var i = 0; i < hu.Length; i++)
        {
            Assert.Equal((float)((stored[i] * rescale.Slope) + rescale.Intercept), hu[i]);
        }
    }

    private static (byte[] Bytes, double[] Values) Samples(PixelSampleType type)
    {
        var values = Enumerable.Range(0, Count).Select(i => (double)((i * 37) % 251)).ToArray();
        byte[] bytes = type switch
        {
            PixelSampleType.U8 => values.Select(v => (byte)v).ToArray(),
            PixelSampleType.S8 => Bytes(values.Select(v => (sbyte)(v - 128)).ToArray()),
            PixelSampleType.U16 => Bytes(values.Select(v => (ushort)(v * 250)).ToArray()),
            PixelSampleType.S16 => Bytes(values.Select(v => (short)((v - 125) * 250)).ToArray()),
            PixelSampleType.U32 => Bytes(values.Select(v => (uint)(v * 1000)).ToArray()),
            PixelSampleType.S32 => Bytes(values.Select(v => (int)((v - 125) * 1000)).ToArray()),
            PixelSampleType.F32 => Bytes(values.Select(v => (float)(v / 7)).ToArray()),
            _ => Bytes(values.Select(v => v / 7).ToArray()),
        };
        var decoded = type switch
        {
            PixelSampleType.U8 => bytes.Select(b => (double)b).ToArray(),
            PixelSampleType.S8 => MemoryMarshal.Cast<byte, sbyte>(bytes).ToArray().Select(v => (double)v).ToArray(),
            PixelSampleType.U16 => MemoryMarshal.Cast<byte, ushort>(bytes).ToArray().Select(v => (double)v).ToArray(),
            PixelSampleType.S16 => MemoryMarshal.Cast<byte, short>(bytes).ToArray().Select(v => (double)v).ToArray(),
            PixelSampleType.U32 => MemoryMarshal.Cast<byte, uint>(bytes).ToArray().Select(v => (double)v).ToArray(),
            PixelSampleType.S32 => MemoryMarshal.Cast<byte, int>(bytes).ToArray().Select(v => (double)v).ToArray(),
            PixelSampleType.F32 => MemoryMarshal.Cast<byte, float>(bytes).ToArray().Select(v => (double)v).ToArray(),
            _ => MemoryMarshal.Cast<byte, double>(bytes).ToArray(),
        };
        return (bytes, decoded);
    }

    private static byte[] Bytes<T>(T[] values)
        where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
