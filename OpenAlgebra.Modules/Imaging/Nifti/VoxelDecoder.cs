using System.Numerics;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Turns stored components (already in this machine's byte order) into scaled floats, one float per component.</summary>
internal static class VoxelDecoder
{
    /// <param name="stored">Whole voxels of <paramref name="format"/>.</param>
    /// <param name="values">Room for one float per stored component.</param>
    public static void Decode(ReadOnlySpan<byte> stored, Span<float> values, VoxelFormat format, VoxelScaling scaling)
    {
        switch (format.Type)
        {
            case NiftiDataType.UInt8 or NiftiDataType.Rgb24 or NiftiDataType.Rgba32:
                Convert(stored, values, scaling);
                break;
            case NiftiDataType.Int8:
                Convert(MemoryMarshal.Cast<byte, sbyte>(stored), values, scaling);
                break;
            case NiftiDataType.Int16:
                Convert(MemoryMarshal.Cast<byte, short>(stored), values, scaling);
                break;
            case NiftiDataType.UInt16:
                Convert(MemoryMarshal.Cast<byte, ushort>(stored), values, scaling);
                break;
            case NiftiDataType.Int32:
                Convert(MemoryMarshal.Cast<byte, int>(stored), values, scaling);
                break;
            case NiftiDataType.UInt32:
                Convert(MemoryMarshal.Cast<byte, uint>(stored), values, scaling);
                break;
            case NiftiDataType.Int64:
                Convert(MemoryMarshal.Cast<byte, long>(stored), values, scaling);
                break;
            case NiftiDataType.UInt64:
                Convert(MemoryMarshal.Cast<byte, ulong>(stored), values, scaling);
                break;
            case NiftiDataType.Float32 or NiftiDataType.Complex64:
                Convert(MemoryMarshal.Cast<byte, float>(stored), values, scaling);
                break;
            case NiftiDataType.Float64 or NiftiDataType.Complex128:
                Convert(MemoryMarshal.Cast<byte, double>(stored), values, scaling);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format.Type, "Not a decodable voxel type.");
        }
    }

    private static void Convert<T>(ReadOnlySpan<T> stored, Span<float> values, VoxelScaling scaling)
        where T : unmanaged, INumberBase<T>
    {
        values = values[..stored.Length];
        if (scaling.IsIdentity)
        {
            for (var n = 0; n < stored.Length; n++)
            {
                values[n] = float.CreateTruncating(stored[n]);
            }

            return;
        }

        var (slope, intercept) = scaling;
        for (var n = 0; n < stored.Length; n++)
        {
            values[n] = (float)((double.CreateTruncating(stored[n]) * slope) + intercept);
        }
    }
}
