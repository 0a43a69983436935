using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>The VOI functions of PS3.3 C.11.2.1.2 and C.11.2.1.3, value by value.</summary>
public sealed class VoiWindowTests
{
    public static TheoryData<VoiFunction, double, double, bool, float, byte> Cases => new()
    {
        // LINEAR, the CT soft-tissue window (40, 400): below c − ½ − (w − 1)/2 = −160 black, above c − ½ + (w − 1)/2 = 239 white.
        { VoiFunction.Linear, 40, 400, false, -1000, 0 },
        { VoiFunction.Linear, 40, 400, false, -160, 0 },
        { VoiFunction.Linear, 40, 400, false, -159, 1 },     // ((−159 − 39.5)/399 + ½)·255 = 0.64
        { VoiFunction.Linear, 40, 400, false, 40, 128 },     // 127.82
        { VoiFunction.Linear, 40, 400, false, 238, 254 },    // 254.36
        { VoiFunction.Linear, 40, 400, false, 239, 255 },
        { VoiFunction.Linear, 40, 400, false, 3000, 255 },
        // LINEAR of width 1 is a threshold at c − ½.
        { VoiFunction.Linear, 100, 1, false, 99.5f, 0 },
        { VoiFunction.Linear, 100, 1, false, 99.6f, 255 },
        // LINEAR_EXACT (0, 100): exactly [−50, 50] onto [0, 255].
        { VoiFunction.LinearExact, 0, 100, false, -50, 0 },
        { VoiFunction.LinearExact, 0, 100, false, 0, 128 },   // 127.5, rounded half up
        { VoiFunction.LinearExact, 0, 100, false, 25, 191 },  // 191.25
        { VoiFunction.LinearExact, 0, 100, false, 50, 255 },
        // SIGMOID (0, 100): 255 / (1 + e^(−4x/100)).
        { VoiFunction.Sigmoid, 0, 100, false, 0, 128 },
        { VoiFunction.Sigmoid, 0, 100, false, 50, 225 },     // 224.60
        { VoiFunction.Sigmoid, 0, 100, false, -50, 30 },     // 30.40
        // MONOCHROME1: the same windows, reversed.
        { VoiFunction.Linear, 40, 400, true, -160, 255 },
        { VoiFunction.Linear, 40, 400, true, 40, 127 },      // 255 − 127.82 = 127.18
        { VoiFunction.Linear, 40, 400, true, 239, 0 },
        { VoiFunction.Linear, 100, 1, true, 99.5f, 255 },
        { VoiFunction.LinearExact, 0, 100, true, 25, 64 },   // 63.75
        { VoiFunction.Sigmoid, 0, 100, true, 50, 30 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_value_maps_to_its_display_level(VoiFunction function, double center, double width, bool inverted, float value, byte expected)
    {
        // Long enough for the vector loop and a scalar tail to both see the value.
        var values = Enumerable.Repeat(value, 131).ToArray();
        var display = new byte[values.Length];
        new VoiWindow(center, width, function).Apply(values, display, inverted);
        Assert.All(display, d => Assert.Equal(expected, d));
    }

    [Fact]
    public void A_ramp_rises_monotonically_through_the_window()
    {
        var values = Enumerable.Range(-300, 701).Select(v => (float)v).ToArray();
        var display = new byte[values.Length];
        new VoiWindow(40, 400).Apply(values, display);
        for (var i = 1; i < display.Length; i++)
        {
            Assert.True(display[i] >= display[i - 1], $"{values[i]} maps below {values[i - 1]}");
        }

        Assert.Equal(0, display[0]);
        Assert.Equal(255, display[^1]);
    }

    [Fact]
    public void Windows_come_from_the_data_set_first_by_default()
    {
        var dataset = new DicomDataset();
        Assert.Null(VoiWindow.FromDataset(dataset));
        dataset.SetString(DicomTags.WindowCenter, DicomVR.DS, "40\\-600");
        dataset.SetString(DicomTags.WindowWidth, DicomVR.DS, "400\\1500");
        Assert.Equal(new VoiWindow(40, 400), VoiWindow.FromDataset(dataset));
        Assert.Equal(new VoiWindow(-600, 1500), VoiWindow.FromDataset(dataset, 1));
        Assert.Null(VoiWindow.FromDataset(dataset, 2));
        dataset.SetString(DicomTags.VoiLutFunction, DicomVR.CS, "LINEAR_EXACT");
        Assert.Equal(new VoiWindow(40, 400, VoiFunction.LinearExact), VoiWindow.FromDataset(dataset));
        dataset.SetString(DicomTags.WindowWidth, DicomVR.DS, "0");
        Assert.Null(VoiWindow.FromDataset(dataset));
    }

    [Fact]
    public void A_MONOCHROME1_slice_renders_reversed_through_decode_rescale_and_window()
    {
        ushort[] stored = [0, 100, 200, 300];
        var dataset = SyntheticImages.Attributes(2, 2, 16, photometric: "MONOCHROME1");
        dataset.SetString(DicomTags.WindowCenter, DicomVR.DS, "150");
        dataset.SetString(DicomTags.WindowWidth, DicomVR.DS, "300");
        dataset.SetString(DicomTags.VoiLutFunction, DicomVR.CS, "LINEAR_EXACT");
        var file = SyntheticImages.Native(dataset, System.Runtime.InteropServices.MemoryMarshal.AsBytes(stored.AsSpan()).ToArray());

        var pixels = PixelTestFiles.Decoder.Open(file);
        var frame = pixels.DecodeFrame(0);
        var values = new float[pixels.Layout.SamplesPerFrame];
        ModalityRescale.FromDataset(file.Dataset).Apply(frame, pixels.Layout.SampleType, values);
        var display = new byte[values.Length];
        VoiWindow.FromDataset(file.Dataset)!.Value.Apply(values, display, pixels.Layout.IsInverted);

        Assert.True(pixels.Layout.IsInverted);
        Assert.Equal([255, 170, 85, 0], display);
    }

    [Fact]
    public void Invalid_windows_and_short_destinations_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new VoiWindow(0, 0.5).Apply([1f], new byte[1]));
        Assert.Throws<InvalidOperationException>(() => new VoiWindow(0, 0, VoiFunction.Sigmoid).Apply([1f], new byte[1]));
        Assert.Throws<ArgumentException>(() => new VoiWindow(0, 10).Apply([1f, 2f], new byte[1]));
    }
}
