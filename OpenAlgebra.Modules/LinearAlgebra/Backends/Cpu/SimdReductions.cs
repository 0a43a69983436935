using System.Numerics;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>
/// Dot products with a fixed order of additions. TensorPrimitives aligns its loads to the array's address, so its sums
/// round differently when the GC moves an array; these always start at element 0, which keeps solves reproducible.
/// </summary>
internal static class SimdReductions
{
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var length = x.Length;
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y[..length]);
        var width = Vector<double>.Count;
        Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
        var i = 0;
        for (; i <= length - 4 * width; i += 4 * width)
        {
            a0 += Vector.LoadUnsafe(ref xs, (nuint)i) * Vector.LoadUnsafe(ref ys, (nuint)i);
            a1 += Vector.LoadUnsafe(ref xs, (nuint)(i + width)) * Vector.LoadUnsafe(ref ys, (nuint)(i + width));
            a2 += Vector.LoadUnsafe(ref xs, (nuint)(i + 2 * width)) * Vector.LoadUnsafe(ref ys, (nuint)(i + 2 * width));
            a3 += Vector.LoadUnsafe(ref xs, (nuint)(i + 3 * width)) * Vector.LoadUnsafe(ref ys, (nuint)(i + 3 * width));
        }
        for (; i <= length - width; i += width)
        {
            a0 += Vector.LoadUnsafe(ref xs, (nuint)i) * Vector.LoadUnsafe(ref ys, (nuint)i);
        }
        var sum = Vector.Sum((a0 + a1) + (a2 + a3));
        for (; i < length; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }
}
