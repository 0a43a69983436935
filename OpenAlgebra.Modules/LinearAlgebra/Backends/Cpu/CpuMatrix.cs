using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>
/// A CSR matrix on the CPU backend with its rows cut, once, into ranges of equal work (stored entries plus one write per
/// row), so a matrix whose nonzeros bunch in a few rows still spreads evenly over the cores.
/// </summary>
internal sealed class CpuMatrix : IDeviceMatrix
{
    /// <summary>Below this much work SpMV stays on the calling thread.</summary>
    private const long ParallelThreshold = 1 << 16;

    /// <summary>About 32 Ki entries per range: a few dozen microseconds of work, well above the cost of a claim.</summary>
    private const long WorkPerPartition = 1 << 15;

    private const int MaxPartitions = 1024;

    private CpuMatrix? _transposed;

    public CpuMatrix(CsrMatrix<double> host)
    {
        Host = host;
        RowStarts = BalancedRowRanges(host);
    }

    public CsrMatrix<double> Host { get; }

    /// <summary>Partition p covers rows <c>RowStarts[p] .. RowStarts[p + 1] − 1</c>.</summary>
    public int[] RowStarts { get; }

    public int Partitions => RowStarts.Length - 1;
    public int Rows => Host.Rows;
    public int Columns => Host.Columns;

    /// <summary>Aᵀ in CSR, built on first use (CGLS and LSQR need it; square solves never pay for it).</summary>
    public CpuMatrix Transposed => _transposed ??= new CpuMatrix(CsrTranspose.Of(Host));

    public void Dispose()
    {
        // Managed arrays only; the GC reclaims them.
    }

    private static int[] BalancedRowRanges(CsrMatrix<double> matrix)
    {
        var rows = matrix.Rows;
        var work = (long)matrix.NonZeros + rows;
        var partitions = work < ParallelThreshold || rows < 2
            ? 1
            : (int)Math.Min(Math.Min(MaxPartitions, rows), (work + WorkPerPartition - 1) / WorkPerPartition);
        var starts = new int[partitions + 1];
        starts[partitions] = rows;
        var pointers = matrix.RowPointers;
        for (var p = 1; p < partitions; p++)
        {
            // The first row whose cumulative work (entries before it plus rows before it) reaches p/partitions of the total.
            var target = work * p / partitions;
            int low = starts[p - 1], high = rows;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if ((long)pointers[middle] + middle < target)
                    low = middle + 1;
                else
                    high = middle;
            }
            starts[p] = low;
        }
        return starts;
    }
}
