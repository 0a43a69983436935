using System.Numerics;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// A VOI window (PS3.3 C.11.2.1.2): maps modality values to 8-bit display values 0–255, brighter for higher values,
/// reversed for MONOCHROME1 (whose lowest value is white).
/// </summary>
public readonly record struct VoiWindow(double Center, double Width, VoiFunction Function = VoiFunction.Linear)
{
    private const float Max = 255;

    /// <summary>
    /// The <paramref name="index"/>-th Window Center / Window Width pair of <paramref name="dataset"/> (they may be
    /// multi-valued: the first is the default) with its VOI LUT Function; null when absent or unusable (a width below 1
    /// for LINEAR, not positive for the others).
    /// </summary>
    /// <exception cref="DicomFormatException">A value is not a number.</exception>
    public static VoiWindow? FromDataset(DicomDataset dataset, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var centers = DatasetNumbers.Get(dataset, DicomTags.WindowCenter);
        var widths = DatasetNumbers.Get(dataset, DicomTags.WindowWidth);
        if (index >= centers.Length || index >= widths.Length)
        {
            return null;
        }

        var function = dataset.GetString(DicomTags.VoiLutFunction)?.Trim() switch
        {
            "LINEAR_EXACT" => VoiFunction.LinearExact,
            "SIGMOID" => VoiFunction.Sigmoid,
            _ => VoiFunction.Linear,
        };
        var window = new VoiWindow(centers[index], widths[index], function);
        return window.IsValid ? window : null;
    }

    /// <summary>LINEAR needs a width of at least 1, the other functions a positive one (C.11.2.1.2.1, C.11.2.1.3).</summary>
    public bool IsValid => double.IsFinite(Center) && (Function == VoiFunction.Linear ? Width >= 1 : Width > 0) && double.IsFinite(Width);

    /// <summary>
    /// Maps <paramref name="values"/> (modality values, e.g. from <see cref="ModalityRescale.Apply"/>) to display bytes,
    /// rounded to nearest; <paramref name="inverted"/> for MONOCHROME1. Allocates nothing; the linear functions use SIMD.
    /// </summary>
    public void Apply(ReadOnlySpan<float> values, Span<byte> display, bool inverted = false)
    {
        if (!IsValid)
        {
            throw new InvalidOperationException($"Window center {Center}, width {Width} is not a valid {Function} window.");
        }

        if (display.Length < values.Length)
        {
            throw new ArgumentException($"{values.Length} values need as many bytes, the display has {display.Length}.", nameof(display));
        }

        switch (Function)
        {
            case VoiFunction.Linear when Width == 1:
                // The limit of the LINEAR formula: a threshold at center − ½.
                Threshold(values, display, (float)(Center - 0.5), inverted);
                break;
            case VoiFunction.Linear:
                // y = ((x − (c − ½)) / (w − 1) + ½) · 255, clamped: equal to the standard's three cases.
                Linear(values, display, Max / (Width - 1), (0.5 - ((Center - 0.5) / (Width - 1))) * Max, inverted);
                break;
            case VoiFunction.LinearExact:
                // y = ((x − c) / w + ½) · 255, clamped.
                Linear(values, display, Max / Width, (0.5 - (Center / Width)) * Max, inverted);
                break;
            default:
                Sigmoid(values, display, (float)Center, (float)Width, inverted);
                break;
        }
    }

    private static void Linear(ReadOnlySpan<float> values, Span<byte> display, double slope, double offset, bool inverted)
    {
        // Inverting is the same line reflected: 255 − (a·x + b) = (−a)·x + (255 − b).
        var a = (float)(inverted ? -slope : slope);
        var b = (float)(inverted ? Max - offset : offset);
        var step = Vector<float>.Count;
        var done = 0;
        for (; done + (4 * step) <= values.Length; done += 4 * step)
        {
            var first = Vector.Narrow(Level(values, done, a, b), Level(values, done + step, a, b));
            var second = Vector.Narrow(Level(values, done + (2 * step), a, b), Level(values, done + (3 * step), a, b));
            Vector.Narrow(first, second).CopyTo(display[done..]);
        }

        for (var i = done; i < values.Length; i++)
        {
            display[i] = (byte)(Math.Clamp((values[i] * a) + b, 0, Max) + 0.5f);
        }
    }

    /// <summary>One vector of display levels as 32-bit integers (0–255), rounded half up.</summary>
    private static Vector<uint> Level(ReadOnlySpan<float> values, int at, float a, float b)
    {
        var y = (new Vector<float>(values[at..]) * a) + new Vector<float>(b);
        y = Vector.Min(Vector.Max(y, Vector<float>.Zero), new Vector<float>(Max)) + new Vector<float>(0.5f);
        return Vector.AsVectorUInt32(Vector.ConvertToInt32(y));
    }

    private static void Threshold(ReadOnlySpan<float> values, Span<byte> display, float edge, bool inverted)
    {
        byte low = inverted ? (byte)255 : (byte)0;
        for (var i = 0; i < values.Length; i++)
        {
            display[i] = values[i] <= edge ? low : (byte)(255 - low);
        }
    }

    private static void Sigmoid(ReadOnlySpan<float> values, Span<byte> display, float center, float width, bool inverted)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var y = Max / (1 + MathF.Exp(-4 * (values[i] - center) / width));
            display[i] = (byte)((inverted ? Max - y : y) + 0.5f);
        }
    }
}
