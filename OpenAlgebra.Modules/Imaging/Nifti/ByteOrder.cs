using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Byte swapping of whole runs of components; the span overloads of ReverseEndianness are vectorized.</summary>
internal static class ByteOrder
{
    /// <summary>Reverses the bytes of each <paramref name="componentSize"/>-byte component in place.</summary>
    public static void Reverse(Span<byte> data, int componentSize)
    {
        switch (componentSize)
        {
            case 1:
                break;
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(componentSize), componentSize, "Components are 1, 2, 4 or 8 bytes.");
        }
    }
}
