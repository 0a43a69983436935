namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>Which CSR kernel multiplies a matrix, chosen once at upload from its average entries per row.</summary>
internal enum SpmvKernel
{
    /// <summary>One thread per row: best for short rows (stencils), where a warp per row would sit mostly idle.</summary>
    ThreadPerRow,

    /// <summary>One warp per row with a shuffle reduction: coalesced reads when rows are long.</summary>
    WarpPerRow,
}

internal static class SpmvKernelChoice
{
    /// <summary>
    /// From this many entries per row on average a warp per row wins: half a CUDA warp's lanes are then busy, and
    /// one thread per row would read a long row with uncoalesced, one-lane-at-a-time loads.
    /// </summary>
    public const int WarpPerRowFromAverage = 16;

    public static SpmvKernel For(int rows, int nonZeros) =>
        rows > 0 && nonZeros >= (long)WarpPerRowFromAverage * rows ? SpmvKernel.WarpPerRow : SpmvKernel.ThreadPerRow;
}
