using System.Numerics;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// Keeps only the stored bits of each integer sample (PS3.5 8.1.1: Bits Stored bits ending at High Bit) and
/// sign-extends them for signed data: whatever sits above High Bit (old overlays, garbage) is dropped.
/// One left shift brings High Bit to the top of the container, one right shift (arithmetic when signed) brings the
/// value down, which masks and sign-extends at once.
/// </summary>
internal static class SampleBits
{
    public static void Normalize(Span<byte> samples, PixelAttributes attributes)
    {
        var container = attributes.BitsAllocated;
        if (attributes.IsFloat || container == 1 || (attributes.BitsStored == container && attributes.HighBit == container - 1))
        {
            return;
        }

        var left = container - 1 - attributes.HighBit;
        var right = container - attributes.BitsStored;
        switch (attributes.SampleType)
        {
            case PixelSampleType.U8:
                Logical(MemoryMarshal.Cast<byte, byte>(samples), left, right);
                break;
            case PixelSampleType.S8:
                Arithmetic(MemoryMarshal.Cast<byte, sbyte>(samples), left, right);
                break;
            case PixelSampleType.U16:
                Logical(MemoryMarshal.Cast<byte, ushort>(samples), left, right);
                break;
            case PixelSampleType.S16:
                Arithmetic(MemoryMarshal.Cast<byte, short>(samples), left, right);
                break;
            case PixelSampleType.U32:
                Logical(MemoryMarshal.Cast<byte, uint>(samples), left, right);
                break;
            case PixelSampleType.S32:
                Arithmetic(MemoryMarshal.Cast<byte, int>(samples), left, right);
                break;
        }
    }

    private static void Logical<T>(Span<T> values, int left, int right)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (vectors[i] << left) >>> right;
        }

        for (var i = vectors.Length * Vector<T>.Count; i < values.Length; i++)
        {
            values[i] = (values[i] << left) >>> right;
        }
    }

    private static void Arithmetic<T>(Span<T> values, int left, int right)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
    {
        var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (vectors[i] << left) >> right;
        }

        for (var i = vectors.Length * Vector<T>.Count; i < values.Length; i++)
        {
            values[i] = (values[i] << left) >> right;
        }
    }
}
