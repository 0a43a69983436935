using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// One solve's view of an <see cref="IlgpuDevice"/>: its own stream and reduction buffers on the shared accelerator and
/// kernels. Work is queued on the stream; only <see cref="Read(IDeviceScalars, int)"/>, <see cref="CopyToHost"/> and
/// <see cref="Synchronize"/> wait for it. Reductions write device scalar slots that later kernels read as coefficients,
/// so a solve's α and β stay on the device. One thread at a time may use an instance; disposing it leaves the device.
/// </summary>
internal sealed class IlgpuBackend : ILinearAlgebraBackend
{
    private readonly Accelerator _accelerator;
    private readonly AcceleratorStream _stream;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _partials;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _noScalars;
    private readonly int _reductionGroupSize;
    private readonly int _warpPerRowGroupSize;
    private bool _disposed;

    public IlgpuBackend(IlgpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _accelerator = device.Accelerator;
        Device = device.Description;
        Kernels = device.Kernels;
        _reductionGroupSize = 1 << BitOperations.Log2((uint)Math.Min(IlgpuKernels.MaxReductionGroupSize, _accelerator.MaxNumThreadsPerGroup));
        _warpPerRowGroupSize = Math.Min(256, _accelerator.MaxNumThreadsPerGroup) / _accelerator.WarpSize * _accelerator.WarpSize;
        // Enough groups to fill every multiprocessor once; at least 8 so that the CPU accelerator of the tests, with one
        // small multiprocessor, runs the same multi-group path a GPU runs.
        MaxReductionGroups = Math.Max(8, _accelerator.NumMultiprocessors * (_accelerator.MaxNumThreadsPerMultiprocessor / _reductionGroupSize));
        _accelerator.Bind();
        _stream = _accelerator.CreateStream();
        _partials = _accelerator.Allocate1D<double>(MaxReductionGroups);
        _noScalars = _accelerator.Allocate1D<double>(1);
    }

    public string Name => "gpu";
    public string Device { get; }

    /// <summary>The device's compiled kernels; their load count shows that launches reuse them.</summary>
    internal IlgpuKernelSet Kernels { get; }

    /// <summary>How many groups a reduction's first pass runs at most, i.e. how many partial sums the second combines.</summary>
    internal int MaxReductionGroups { get; }

    public IDeviceMatrix Upload(CsrMatrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Upload(matrix, SpmvKernelChoice.For(matrix.Rows, matrix.NonZeros));
    }

    /// <summary>Uploads with a given SpMV kernel, so tests can run both kernels on any matrix.</summary>
    internal IlgpuMatrix Upload(CsrMatrix<double> matrix, SpmvKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Bind();
        return new IlgpuMatrix(this, _accelerator, _stream, matrix, kernel);
    }

    public IDeviceVector Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Bind();
        var buffer = _accelerator.Allocate1D<double>(length);
        // ILGPU refuses to clear an empty view, and an empty vector is a valid operand.
        if (length > 0)
            buffer.View.MemSetToZero(_stream);
        return new IlgpuVector(this, buffer);
    }

    public IDeviceScalars AllocateScalars(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Bind();
        var buffer = _accelerator.Allocate1D<double>(count);
        if (count > 0)
            buffer.View.MemSetToZero(_stream);
        return new IlgpuScalars(this, buffer);
    }

    public void CopyToDevice(ReadOnlySpan<double> source, IDeviceVector destination)
    {
        var target = Vector(destination, nameof(destination));
        RequireLength(source.Length, target, nameof(destination));
        if (!source.IsEmpty)
            target.View.CopyFromCPU(_stream, source);
    }

    public void CopyToHost(IDeviceVector source, Span<double> destination)
    {
        var origin = Vector(source, nameof(source));
        RequireLength(destination.Length, origin, nameof(source));
        if (!destination.IsEmpty)
            origin.View.CopyToCPU(_stream, destination);
    }

    public double Read(IDeviceScalars scalars, int slot)
    {
        var slots = Scalars(scalars, nameof(scalars));
        RequireSlot(slots, slot, nameof(slot));
        var value = 0.0;
        slots.View.SubView(slot, 1).CopyToCPU(_stream, ref value, 1);
        return value;
    }

    public void Read(IDeviceScalars scalars, Span<double> destination)
    {
        var slots = Scalars(scalars, nameof(scalars));
        if (destination.Length > slots.Count)
            throw new ArgumentException($"Cannot read {destination.Length} slots from {slots.Count} scalars.", nameof(destination));
        if (!destination.IsEmpty)
            slots.View.SubView(0, destination.Length).CopyToCPU(_stream, destination);
    }

    public void Write(IDeviceScalars scalars, int slot, double value)
    {
        var slots = Scalars(scalars, nameof(scalars));
        RequireSlot(slots, slot, nameof(slot));
        slots.View.SubView(slot, 1).CopyFromCPU(_stream, ref value, 1);
    }

    public void Multiply(IDeviceMatrix a, IDeviceVector x, IDeviceVector y)
    {
        var matrix = Matrix(a);
        var input = Vector(x, nameof(x));
        var output = Vector(y, nameof(y));
        RequireShapes(matrix, input, output);
        Spmv(matrix, input.View, output.View, output.View, residual: false);
    }

    public void MultiplyTransposed(IDeviceMatrix a, IDeviceVector x, IDeviceVector y)
    {
        var matrix = Matrix(a);
        var input = Vector(x, nameof(x));
        var output = Vector(y, nameof(y));
        if (input.Length != matrix.Rows || output.Length != matrix.Columns)
            throw new ArgumentException($"Aᵀ·x with a {matrix.Rows}×{matrix.Columns} A needs x of {matrix.Rows} and y of {matrix.Columns}, not {input.Length} and {output.Length}.", nameof(x));
        RequireDistinct(input, output);
        Spmv(matrix.Transposed, input.View, output.View, output.View, residual: false);
    }

    public void Residual(IDeviceMatrix a, IDeviceVector x, IDeviceVector b, IDeviceVector r)
    {
        var matrix = Matrix(a);
        var input = Vector(x, nameof(x));
        var rhs = Vector(b, nameof(b));
        var output = Vector(r, nameof(r));
        RequireShapes(matrix, input, output);
        RequireLength(matrix.Rows, rhs, nameof(b));
        Spmv(matrix, input.View, rhs.View, output.View, residual: true);
    }

    public void Dot(IDeviceVector x, IDeviceVector y, IDeviceScalars scalars, int slot)
    {
        var left = Vector(x, nameof(x));
        var right = Vector(y, nameof(y));
        RequireLength(left.Length, right, nameof(y));
        SumOfProducts(left.View, right.View, scalars, slot, squareRoot: false);
    }

    public void Norm2(IDeviceVector x, IDeviceScalars scalars, int slot)
    {
        var vector = Vector(x, nameof(x));
        SumOfProducts(vector.View, vector.View, scalars, slot, squareRoot: true);
    }

    public void Copy(IDeviceVector source, IDeviceVector destination)
    {
        var from = Vector(source, nameof(source));
        var to = Vector(destination, nameof(destination));
        RequireLength(from.Length, to, nameof(destination));
        if (from.Length > 0 && !ReferenceEquals(from, to))
            from.View.CopyTo(_stream, to.View);
    }

    public void Fill(IDeviceVector x, double value)
    {
        var vector = Vector(x, nameof(x));
        if (vector.Length > 0)
            Kernels.Fill(_stream, vector.Length, vector.View, value);
    }

    public void Scale(Coefficient alpha, IDeviceVector x)
    {
        var vector = Vector(x, nameof(x));
        var (constant, numerator, denominator, scalars) = Evaluable(alpha, nameof(alpha));
        if (vector.Length > 0)
            Kernels.Scale(_stream, vector.Length, vector.View, constant, numerator, denominator, scalars);
    }

    public void Axpy(Coefficient alpha, IDeviceVector x, IDeviceVector y)
    {
        var input = Vector(x, nameof(x));
        var output = Vector(y, nameof(y));
        RequireLength(input.Length, output, nameof(y));
        var (constant, numerator, denominator, scalars) = Evaluable(alpha, nameof(alpha));
        if (input.Length > 0)
            Kernels.Axpy(_stream, input.Length, input.View, output.View, constant, numerator, denominator, scalars);
    }

    public void Xpay(IDeviceVector x, Coefficient beta, IDeviceVector y)
    {
        var input = Vector(x, nameof(x));
        var output = Vector(y, nameof(y));
        RequireLength(input.Length, output, nameof(y));
        var (constant, numerator, denominator, scalars) = Evaluable(beta, nameof(beta));
        if (input.Length > 0)
            Kernels.Xpay(_stream, input.Length, input.View, output.View, constant, numerator, denominator, scalars);
    }

    public void PointwiseMultiply(IDeviceVector x, IDeviceVector y, IDeviceVector z)
    {
        var left = Vector(x, nameof(x));
        var right = Vector(y, nameof(y));
        var output = Vector(z, nameof(z));
        RequireLength(left.Length, right, nameof(y));
        RequireLength(left.Length, output, nameof(z));
        if (left.Length > 0)
            Kernels.PointwiseMultiply(_stream, left.Length, left.View, right.View, output.View);
    }

    public void Divide(IDeviceScalars scalars, int slot, int numerator, int denominator)
    {
        var slots = Scalars(scalars, nameof(scalars));
        RequireSlot(slots, slot, nameof(slot));
        RequireSlot(slots, numerator, nameof(numerator));
        RequireSlot(slots, denominator, nameof(denominator));
        Kernels.Divide(_stream, 1, slots.View, slot, numerator, denominator);
    }

    public void Synchronize()
    {
        Bind();
        _stream.Synchronize();
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _accelerator.Bind();
        _stream.Synchronize();
        _partials.Dispose();
        _noScalars.Dispose();
        _stream.Dispose();
    }

    private void Spmv(IlgpuMatrix matrix, ArrayView<double> x, ArrayView<double> b, ArrayView<double> y, bool residual)
    {
        if (matrix.Rows == 0)
            return;
        var flag = residual ? 1 : 0;
        if (matrix.Kernel == SpmvKernel.WarpPerRow)
        {
            var rowsPerGroup = _warpPerRowGroupSize / _accelerator.WarpSize;
            var groups = (matrix.Rows + rowsPerGroup - 1) / rowsPerGroup;
            Kernels.CsrWarpPerRow(_stream, new KernelConfig(groups, _warpPerRowGroupSize), matrix.RowPointers, matrix.ColumnIndices, matrix.Values, x, b, y, flag);
        }
        else
        {
            Kernels.CsrThreadPerRow(_stream, matrix.Rows, matrix.RowPointers, matrix.ColumnIndices, matrix.Values, x, b, y, flag);
        }
    }

    private void SumOfProducts(ArrayView<double> x, ArrayView<double> y, IDeviceScalars scalars, int slot, bool squareRoot)
    {
        var slots = Scalars(scalars, nameof(scalars));
        RequireSlot(slots, slot, nameof(slot));
        var groups = (int)Math.Min(MaxReductionGroups, (x.Length + _reductionGroupSize - 1) / _reductionGroupSize);
        if (groups > 0)
            Kernels.DotPartials(_stream, new KernelConfig(groups, _reductionGroupSize), x, y, _partials.View);
        Kernels.FinishSum(_stream, new KernelConfig(1, _reductionGroupSize), _partials.View, groups, slots.View, slot, squareRoot ? 1 : 0);
    }

    /// <summary>A coefficient checked against this backend's scalars, as the kernels take it.</summary>
    private (double Constant, int Numerator, int Denominator, ArrayView<double> Scalars) Evaluable(Coefficient coefficient, string name)
    {
        if (coefficient.Scalars is null)
        {
            if (coefficient.Numerator != Coefficient.None || coefficient.Denominator != Coefficient.None)
                throw new ArgumentException("A coefficient that names scalar slots needs the scalars they are in.", name);
            return (coefficient.Constant, Coefficient.None, Coefficient.None, _noScalars.View);
        }
        var slots = Scalars(coefficient.Scalars, name);
        if (coefficient.Numerator != Coefficient.None)
            RequireSlot(slots, coefficient.Numerator, name);
        if (coefficient.Denominator != Coefficient.None)
            RequireSlot(slots, coefficient.Denominator, name);
        return (coefficient.Constant, coefficient.Numerator, coefficient.Denominator, slots.View);
    }

    /// <summary>
    /// Makes the accelerator current on the calling thread: a CUDA context is per thread, and a solve may continue on
    /// another thread than the one that created the backend. A no-op when it already is.
    /// </summary>
    private void Bind()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _accelerator.Bind();
    }

    private IlgpuMatrix Matrix(IDeviceMatrix a)
    {
        Bind();
        ArgumentNullException.ThrowIfNull(a);
        if (a is not IlgpuMatrix matrix || matrix.Owner != this)
            throw new ArgumentException("The matrix was not uploaded by this backend.", nameof(a));
        ObjectDisposedException.ThrowIf(matrix.IsDisposed, matrix);
        return matrix;
    }

    private IlgpuVector Vector(IDeviceVector vector, string name)
    {
        Bind();
        ArgumentNullException.ThrowIfNull(vector, name);
        if (vector is not IlgpuVector device || device.Owner != this)
            throw new ArgumentException($"Vector {name} was not allocated by this backend.", name);
        ObjectDisposedException.ThrowIf(device.IsDisposed, device);
        return device;
    }

    private IlgpuScalars Scalars(IDeviceScalars scalars, string name)
    {
        Bind();
        ArgumentNullException.ThrowIfNull(scalars, name);
        if (scalars is not IlgpuScalars device || device.Owner != this)
            throw new ArgumentException($"The scalars of {name} were not allocated by this backend.", name);
        ObjectDisposedException.ThrowIf(device.IsDisposed, device);
        return device;
    }

    private static void RequireSlot(IlgpuScalars scalars, int slot, string name)
    {
        if ((uint)slot >= (uint)scalars.Count)
            throw new ArgumentOutOfRangeException(name, slot, $"Scalar slot {slot} is outside 0..{scalars.Count - 1}.");
    }

    private static void RequireLength(int expected, IlgpuVector vector, string name)
    {
        if (vector.Length != expected)
            throw new ArgumentException($"Vector {name} has {vector.Length} elements where {expected} are needed.", name);
    }

    private static void RequireShapes(IlgpuMatrix matrix, IlgpuVector x, IlgpuVector y)
    {
        if (x.Length != matrix.Columns || y.Length != matrix.Rows)
            throw new ArgumentException($"A {matrix.Rows}×{matrix.Columns} matrix needs x of {matrix.Columns} and a result of {matrix.Rows}, not {x.Length} and {y.Length}.", nameof(x));
        RequireDistinct(x, y);
    }

    private static void RequireDistinct(IlgpuVector x, IlgpuVector y)
    {
        if (ReferenceEquals(x, y))
            throw new ArgumentException("A matrix product cannot overwrite its own input vector.", nameof(y));
    }
}
