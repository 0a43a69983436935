using System.Numerics;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// YBR_FULL → RGB in place (PS3.3 C.7.6.3.1.2, the JFIF equations), on interleaved samples.
/// The arithmetic is IJG libjpeg's (16-bit fixed point, rounded, clamped), so a JPEG decoded here matches what
/// libjpeg-based tools such as dcmtk produce for the same stream.
/// </summary>
internal static class YbrToRgb
{
    private const int Scale = 16;
    private const long Half = 1L << (Scale - 1);
    private const long CrToR = 91881;   // 1.40200 · 2^16
    private const long CbToG = 22554;   // 0.34414 · 2^16
    private const long CrToG = 46802;   // 0.71414 · 2^16
    private const long CbToB = 116130;  // 1.77200 · 2^16

    public static void Convert(Span<byte> samples, PixelAttributes attributes)
    {
        switch (attributes.BitsAllocated)
        {
            case 8:
                Convert(samples, attributes.BitsStored);
                break;
            case 16:
                Convert(MemoryMarshal.Cast<byte, ushort>(samples), attributes.BitsStored);
                break;
            default:
                Convert(MemoryMarshal.Cast<byte, uint>(samples), attributes.BitsStored);
                break;
        }
    }

    private static void Convert<T>(Span<T> samples, int bits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var center = 1L << (bits - 1);
        var max = (1L << bits) - 1;
        for (var p = 0; p + 2 < samples.Length; p += 3)
        {
            var y = long.CreateTruncating(samples[p]);
            var cb = long.CreateTruncating(samples[p + 1]) - center;
            var cr = long.CreateTruncating(samples[p + 2]) - center;
            samples[p] = T.CreateTruncating(Math.Clamp(y + (((CrToR * cr) + Half) >> Scale), 0, max));
            samples[p + 1] = T.CreateTruncating(Math.Clamp(y + (((-CbToG * cb) - (CrToG * cr) + Half) >> Scale), 0, max));
            samples[p + 2] = T.CreateTruncating(Math.Clamp(y + (((CbToB * cb) + Half) >> Scale), 0, max));
        }
    }
}
