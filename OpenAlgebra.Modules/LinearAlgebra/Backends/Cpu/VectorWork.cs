using System.Numerics.Tensors;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

internal enum VectorOperation
{
    Dot,
    Copy,
    Fill,
    Scale,
    Axpy,
    Xpay,
    PointwiseMultiply,
}

/// <summary>
/// The vector kernels of <see cref="CpuBackend"/>, split by <see cref="VectorPartitions"/>. Reductions write one partial
/// per partition into a preallocated array and add them in partition order, so the result is reproducible.
/// </summary>
internal sealed class VectorWork : PartitionedWork
{
    private readonly double[] _partials = new double[VectorPartitions.MaxPartitions];
    private VectorOperation _operation;
    private double[] _x = [];
    private double[] _y = [];
    private double[] _z = [];
    private double _alpha;
    private int _length;
    private int _partitions;

    /// <summary>x·y.</summary>
    public double Dot(double[] x, double[] y)
    {
        Execute(VectorOperation.Dot, x, y, y, 0);
        var sum = 0.0;
        for (var partition = 0; partition < _partitions; partition++)
        {
            sum += _partials[partition];
        }
        return sum;
    }

    /// <summary>Runs an element-wise operation: see <see cref="Run"/> for what x, y, z and α mean to each.</summary>
    public void Map(VectorOperation operation, double[] x, double[] y, double[] z, double alpha) => Execute(operation, x, y, z, alpha);

    private void Execute(VectorOperation operation, double[] x, double[] y, double[] z, double alpha)
    {
        _operation = operation;
        _x = x;
        _y = y;
        _z = z;
        _alpha = alpha;
        _length = x.Length;
        _partitions = VectorPartitions.Count(_length);
        WorkerTeam.Shared.Run(this, _partitions);
        _x = _y = _z = []; // a long-lived backend must not keep a finished solve's vectors alive
    }

    public override void Run(int partition)
    {
        var (start, length) = VectorPartitions.Range(_length, _partitions, partition);
        var x = _x.AsSpan(start, length);
        switch (_operation)
        {
            case VectorOperation.Dot:
                _partials[partition] = SimdReductions.Dot(x, _y.AsSpan(start, length));
                break;
            case VectorOperation.Copy: // y = x
                x.CopyTo(_y.AsSpan(start, length));
                break;
            case VectorOperation.Fill: // x = α
                x.Fill(_alpha);
                break;
            case VectorOperation.Scale: // x = α·x
                TensorPrimitives.Multiply(x, _alpha, x);
                break;
            case VectorOperation.Axpy: // y = α·x + y
                var axpyY = _y.AsSpan(start, length);
                TensorPrimitives.MultiplyAdd(x, _alpha, axpyY, axpyY);
                break;
            case VectorOperation.Xpay: // y = x + α·y
                var xpayY = _y.AsSpan(start, length);
                TensorPrimitives.MultiplyAdd(xpayY, _alpha, x, xpayY);
                break;
            case VectorOperation.PointwiseMultiply: // z = x ∘ y
                TensorPrimitives.Multiply(x, _y.AsSpan(start, length), _z.AsSpan(start, length));
                break;
            default:
                throw new InvalidOperationException($"Unknown vector operation {_operation}.");
        }
    }
}
