using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>y = A·x, or the residual y = b − A·x, over a matrix's balanced row ranges.</summary>
internal sealed class SparseMultiplyWork : PartitionedWork
{
    private CpuMatrix? _matrix;
    private double[] _x = [];
    private double[] _y = [];
    private double[]? _b;

    /// <summary>y = A·x when <paramref name="b"/> is null, otherwise y = b − A·x.</summary>
    public void Execute(CpuMatrix matrix, double[] x, double[] y, double[]? b)
    {
        _matrix = matrix;
        _x = x;
        _y = y;
        _b = b;
        WorkerTeam.Shared.Run(this, matrix.Partitions);
        _matrix = null;
        _x = _y = [];
        _b = null;
    }

    public override void Run(int partition)
    {
        var matrix = _matrix!;
        var host = matrix.Host;
        var pointers = host.RowPointers;
        var end = matrix.RowStarts[partition + 1];
        // Column indices were range-checked when the CsrMatrix was built, so the gather skips bounds checks.
        ref var columns = ref MemoryMarshal.GetArrayDataReference(host.ColumnIndices);
        ref var values = ref MemoryMarshal.GetArrayDataReference(host.Values);
        ref var x = ref MemoryMarshal.GetArrayDataReference(_x);
        var y = _y;
        var b = _b;
        for (var row = matrix.RowStarts[partition]; row < end; row++)
        {
            var sum = 0.0;
            for (var k = pointers[row]; k < pointers[row + 1]; k++)
            {
                sum += Unsafe.Add(ref values, k) * Unsafe.Add(ref x, Unsafe.Add(ref columns, k));
            }
            y[row] = b is null ? sum : b[row] - sum;
        }
    }
}
