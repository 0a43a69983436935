using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Imaging.Dicom;

internal static class ByteOrder
{
    /// <summary>
    /// The unit a big-endian value is swapped in. Native pixel data is swapped per sample (Bits Allocated), not per
    /// OW word, so that 32-bit samples come out as little-endian numbers like everything else in memory.
    /// </summary>
    public static int WordSize(DicomTag tag, DicomVR vr, DicomDataset dataset) =>
        tag == DicomTags.PixelData && dataset.GetNumber(DicomTags.BitsAllocated) is { } bits && bits is 16 or 32 or 64
            ? (int)bits / 8
            : vr.WordSize();

    /// <summary>A copy with every word of <paramref name="wordSize"/> bytes reversed (trailing odd bytes kept).</summary>
    public static byte[] Swapped(ReadOnlySpan<byte> bytes, int wordSize)
    {
        var copy = bytes.ToArray();
        var whole = copy.Length - (copy.Length % wordSize);
        var span = copy.AsSpan(0, whole);
        switch (wordSize)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(span), MemoryMarshal.Cast<byte, ushort>(span));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(span), MemoryMarshal.Cast<byte, uint>(span));
                break;
            case 8:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(span), MemoryMarshal.Cast<byte, ulong>(span));
                break;
        }

        return copy;
    }
}
