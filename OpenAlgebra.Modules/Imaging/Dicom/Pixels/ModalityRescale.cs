using System.Numerics;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// The linear Modality LUT (PS3.3 C.11.1.1.2): modality value = stored value × <see cref="Slope"/> + <see cref="Intercept"/>,
/// Hounsfield units for CT. A data set without Rescale Slope and Intercept has slope 1 and intercept 0.
/// </summary>
public readonly record struct ModalityRescale(double Slope, double Intercept)
{
    public static ModalityRescale Identity => new(1, 0);

    /// <summary>Rescale Slope (0028,1053) and Rescale Intercept (0028,1052) of <paramref name="dataset"/>, defaulting to 1 and 0.</summary>
    /// <exception cref="DicomFormatException">A value is not a number.</exception>
    public static ModalityRescale FromDataset(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new ModalityRescale(
            DatasetNumbers.First(dataset, DicomTags.RescaleSlope) ?? 1,
            DatasetNumbers.First(dataset, DicomTags.RescaleIntercept) ?? 0);
    }

    /// <summary>
    /// Rescales decoded samples of <paramref name="type"/> into <paramref name="destination"/>, one float per sample.
    /// Allocates nothing; the common integer types go through SIMD.
    /// </summary>
    public void Apply(ReadOnlySpan<byte> samples, PixelSampleType type, Span<float> destination)
    {
        var count = samples.Length / type.Size();
        if (destination.Length < count)
        {
            throw new ArgumentException($"{count} samples need as many floats, the destination has {destination.Length}.", nameof(destination));
        }

        var slope = (float)Slope;
        var intercept = (float)Intercept;
        var output = destination[..count];
        switch (type)
        {
            case PixelSampleType.U8:
                Bytes(samples, output, slope, intercept);
                break;
            case PixelSampleType.S8:
                Scalar(MemoryMarshal.Cast<byte, sbyte>(samples), output, slope, intercept);
                break;
            case PixelSampleType.U16:
                Unsigned16(MemoryMarshal.Cast<byte, ushort>(samples), output, slope, intercept);
                break;
            case PixelSampleType.S16:
                Signed16(MemoryMarshal.Cast<byte, short>(samples), output, slope, intercept);
                break;
            case PixelSampleType.U32:
                Scalar(MemoryMarshal.Cast<byte, uint>(samples), output, slope, intercept);
                break;
            case PixelSampleType.S32:
                Signed32(MemoryMarshal.Cast<byte, int>(samples), output, slope, intercept);
                break;
            case PixelSampleType.F32:
                Floats(MemoryMarshal.Cast<byte, float>(samples), output, slope, intercept);
                break;
            default:
                Scalar(MemoryMarshal.Cast<byte, double>(samples), output, slope, intercept);
                break;
        }
    }

    private static void Bytes(ReadOnlySpan<byte> input, Span<float> output, float slope, float intercept)
    {
        var step = Vector<byte>.Count;
        var done = 0;
        for (; done + step <= input.Length; done += step)
        {
            Vector.Widen(new Vector<byte>(input[done..]), out var low, out var high);
            Vector.Widen(low, out var a, out var b);
            Vector.Widen(high, out var c, out var d);
            var at = output[done..];
            Store(Vector.ConvertToSingle(a), at, 0, slope, intercept);
            Store(Vector.ConvertToSingle(b), at, 1, slope, intercept);
            Store(Vector.ConvertToSingle(c), at, 2, slope, intercept);
            Store(Vector.ConvertToSingle(d), at, 3, slope, intercept);
        }

        Scalar(input[done..], output[done..], slope, intercept);
    }

    private static void Unsigned16(ReadOnlySpan<ushort> input, Span<float> output, float slope, float intercept)
    {
        var step = Vector<ushort>.Count;
        var done = 0;
        for (; done + step <= input.Length; done += step)
        {
            Vector.Widen(new Vector<ushort>(input[done..]), out var low, out var high);
            Store(Vector.ConvertToSingle(low), output[done..], 0, slope, intercept);
            Store(Vector.ConvertToSingle(high), output[done..], 1, slope, intercept);
        }

        Scalar(input[done..], output[done..], slope, intercept);
    }

    private static void Signed16(ReadOnlySpan<short> input, Span<float> output, float slope, float intercept)
    {
        var step = Vector<short>.Count;
        var done = 0;
        for (; done + step <= input.Length; done += step)
        {
            Vector.Widen(new Vector<short>(input[done..]), out var low, out var high);
            Store(Vector.ConvertToSingle(low), output[done..], 0, slope, intercept);
            Store(Vector.ConvertToSingle(high), output[done..], 1, slope, intercept);
        }

        Scalar(input[done..], output[done..], slope, intercept);
    }

    private static void Signed32(ReadOnlySpan<int> input, Span<float> output, float slope, float intercept)
    {
        var step = Vector<int>.Count;
        var done = 0;
        for (; done + step <= input.Length; done += step)
        {
            Store(Vector.ConvertToSingle(new Vector<int>(input[done..])), output[done..], 0, slope, intercept);
        }

        Scalar(input[done..], output[done..], slope, intercept);
    }

    private static void Floats(ReadOnlySpan<float> input, Span<float> output, float slope, float intercept)
    {
        var step = Vector<float>.Count;
        var done = 0;
        for (; done + step <= input.Length; done += step)
        {
            Store(new Vector<float>(input[done..]), output[done..], 0, slope, intercept);
        }

        Scalar(input[done..], output[done..], slope, intercept);
    }

    /// <summary>Writes the <paramref name="index"/>-th vector's worth of rescaled values at <paramref name="output"/>.</summary>
    private static void Store(Vector<float> values, Span<float> output, int index, float slope, float intercept) =>
        ((values * slope) + new Vector<float>(intercept)).CopyTo(output[(index * Vector<float>.Count)..]);

    /// <summary>The same arithmetic one sample at a time, for the tail of a vector loop and the rarer types.</summary>
    private static void Scalar<T>(ReadOnlySpan<T> input, Span<float> output, float slope, float intercept)
        where T : INumberBase<T>
    {
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = (float.CreateTruncating(input[i]) * slope) + intercept;
        }
    }
}
