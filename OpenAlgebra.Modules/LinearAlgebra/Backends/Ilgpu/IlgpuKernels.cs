using ILGPU;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// The device code of <see cref="IlgpuBackend"/>. ILGPU compiles these static methods for CUDA or its CPU accelerator;
/// they may use only views, primitives and ILGPU's intrinsics. Arguments are primitives rather than our own structs
/// because the CPU accelerator's generated launchers live in another assembly and could not see an internal type.
/// </summary>
internal static class IlgpuKernels
{
    /// <summary>
    /// The largest group a reduction runs with. Shared memory is sized by a compile-time constant, so groups may be
    /// smaller (the CPU accelerator allows 16 threads) but never larger.
    /// </summary>
    public const int MaxReductionGroupSize = 256;

    public static void Fill(Index1D i, ArrayView<double> x, double value) => x[i] = value;

    public static void Scale(Index1D i, ArrayView<double> x, double constant, int numerator, int denominator, ArrayView<double> scalars) =>
        x[i] *= Coefficient(constant, numerator, denominator, scalars);

    public static void Axpy(Index1D i, ArrayView<double> x, ArrayView<double> y, double constant, int numerator, int denominator, ArrayView<double> scalars) =>
        y[i] += Coefficient(constant, numerator, denominator, scalars) * x[i];

    public static void Xpay(Index1D i, ArrayView<double> x, ArrayView<double> y, double constant, int numerator, int denominator, ArrayView<double> scalars) =>
        y[i] = x[i] + Coefficient(constant, numerator, denominator, scalars) * y[i];

    public static void PointwiseMultiply(Index1D i, ArrayView<double> x, ArrayView<double> y, ArrayView<double> z) =>
        z[i] = x[i] * y[i];

    /// <summary>Launched with one thread: a scalar division that would otherwise need a host round trip.</summary>
    public static void Divide(Index1D i, ArrayView<double> scalars, int slot, int numerator, int denominator) =>
        scalars[slot] = scalars[numerator] / scalars[denominator];

    /// <summary>
    /// One thread per row. With <paramref name="residual"/> set, y = b − A·x; otherwise y = A·x and b is not read.
    /// </summary>
    public static void CsrThreadPerRow(
        Index1D row, ArrayView<int> rowPointers, ArrayView<int> columns, ArrayView<double> values,
        ArrayView<double> x, ArrayView<double> b, ArrayView<double> y, int residual)
    {
        var sum = 0.0;
        var end = rowPointers[row + 1];
        for (var k = rowPointers[row]; k < end; k++)
            sum += values[k] * x[columns[k]];
        y[row] = residual != 0 ? b[row] - sum : sum;
    }

    /// <summary>
    /// One warp per row: lanes stride through the row so neighbouring lanes read neighbouring entries, then a shuffle
    /// reduction leaves the row's sum in lane 0. Every lane runs the shuffles, also past the last row, because a
    /// shuffle needs the whole warp.
    /// </summary>
    public static void CsrWarpPerRow(
        ArrayView<int> rowPointers, ArrayView<int> columns, ArrayView<double> values,
        ArrayView<double> x, ArrayView<double> b, ArrayView<double> y, int residual)
    {
        var row = Grid.IdxX * (Group.DimX / Warp.WarpSize) + Warp.WarpIdx;
        var inRange = row < y.IntLength;
        var sum = 0.0;
        if (inRange)
        {
            var end = rowPointers[row + 1];
            for (var k = rowPointers[row] + Warp.LaneIdx; k < end; k += Warp.WarpSize)
                sum += values[k] * x[columns[k]];
        }
        for (var offset = Warp.WarpSize / 2; offset > 0; offset /= 2)
            sum += Warp.ShuffleDown(sum, offset);
        if (inRange && Warp.IsFirstLane)
            y[row] = residual != 0 ? b[row] - sum : sum;
    }

    /// <summary>
    /// First pass of x·y: each group sums a grid-stride share into <paramref name="partials"/>[group]. The fixed grid
    /// makes the summation order, and so the result, the same on every call.
    /// </summary>
    public static void DotPartials(ArrayView<double> x, ArrayView<double> y, ArrayView<double> partials)
    {
        var shared = SharedMemory.Allocate<double>(MaxReductionGroupSize);
        var sum = 0.0;
        var stride = Grid.DimX * Group.DimX;
        var length = x.IntLength;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
            sum += x[i] * y[i];
        var total = GroupSum(shared, sum);
        if (Group.IsFirstThread)
            partials[Grid.IdxX] = total;
    }

    /// <summary>
    /// Second pass, one group: s[slot] = Σ partials[0..count), or its square root for a norm. A count of 0 (an empty
    /// vector) writes 0.
    /// </summary>
    public static void FinishSum(ArrayView<double> partials, int count, ArrayView<double> scalars, int slot, int squareRoot)
    {
        var shared = SharedMemory.Allocate<double>(MaxReductionGroupSize);
        var sum = 0.0;
        for (var i = Group.IdxX; i < count; i += Group.DimX)
            sum += partials[i];
        var total = GroupSum(shared, sum);
        if (Group.IsFirstThread)
            scalars[slot] = squareRoot != 0 ? Math.Sqrt(total) : total;
    }

    /// <summary>
    /// A <see cref="Backends.Coefficient"/> evaluated where it is used: constant · s[numerator] / s[denominator], a slot
    /// below zero left out. Every thread reads the slots itself, so α and β never make a round trip to the host.
    /// </summary>
    private static double Coefficient(double constant, int numerator, int denominator, ArrayView<double> scalars)
    {
        var value = constant;
        if (numerator >= 0)
            value *= scalars[numerator];
        if (denominator >= 0)
            value /= scalars[denominator];
        return value;
    }

    /// <summary>Tree sum over the group in shared memory; the group size must be a power of two.</summary>
    private static double GroupSum(ArrayView<double> shared, double value)
    {
        var thread = Group.IdxX;
        shared[thread] = value;
        Group.Barrier();
        for (var width = Group.DimX / 2; width > 0; width /= 2)
        {
            if (thread < width)
                shared[thread] += shared[thread + width];
            Group.Barrier();
        }
        return shared[0];
    }
}
