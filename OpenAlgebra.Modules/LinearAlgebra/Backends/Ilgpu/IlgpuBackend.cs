using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// The backend on ILGPU: a CUDA GPU in production, ILGPU's CPU accelerator (a GPU simulator, ~100× slower than plain
/// C#) in tests. Work is queued on the accelerator's default stream; nothing waits for it except <see cref="Read"/>,
/// <see cref="CopyToHost"/> and <see cref="Synchronize"/>. Reductions write device scalar slots that later kernels read
/// as coefficients, so a solve's α and β stay on the device. One thread at a time may use an instance.
/// </summary>
internal sealed class IlgpuBackend : ILinearAlgebraBackend
{
    private readonly Context context;
    private readonly Accelerator accelerator;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> partials;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> noScalars;
    private readonly int reductionGroupSize;
    private readonly int warpPerRowGroupSize;
    private bool disposed;

    private IlgpuBackend(Context context, Accelerator accelerator, string device)
    {
        this.context = context;
        this.accelerator = accelerator;
        Device = device;
        Kernels = new IlgpuKernelSet(accelerator);
        reductionGroupSize = 1 << BitOperations.Log2((uint)Math.Min(IlgpuKernels.MaxReductionGroupSize, accelerator.MaxNumThreadsPerGroup));
        warpPerRowGroupSize = Math.Min(256, accelerator.MaxNumThreadsPerGroup) / accelerator.WarpSize * accelerator.WarpSize;
        // Enough groups to fill every multiprocessor once; at least 8 so that the CPU accelerator of the tests, with one
        // small multiprocessor, runs the same multi-group path a GPU runs.
        MaxReductionGroups = Math.Max(8, accelerator.NumMultiprocessors * (accelerator.MaxNumThreadsPerMultiprocessor / reductionGroupSize));
        partials = accelerator.Allocate1D<double>(MaxReductionGroups);
        noScalars = accelerator.Allocate1D<double>(1);
    }

    /// <summary>A backend on ILGPU's CPU accelerator, which every machine has.</summary>
    public static IlgpuBackend CreateOnCpuAccelerator()
    {
        var context = Context.Create(builder => builder.DefaultCPU());
        try
        {
            return new IlgpuBackend(context, context.CreateCPUAccelerator(0), "ILGPU CPU accelerator");
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>A backend on the first CUDA device, or null where there is none (no GPU, or no driver).</summary>
    public static IlgpuBackend? TryCreateOnCuda()
    {
        var context = Context.Create(builder => builder.Cuda());
        try
        {
            if (context.GetCudaDevices().Count == 0)
            {
                context.Dispose();
                return null;
            }
            var accelerator = context.CreateCudaAccelerator(0);
            return new IlgpuBackend(context, accelerator, $"{accelerator.Name} (CUDA, {accelerator.NumMultiprocessors} SMs)");
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    public string Name => "gpu";
    public string Device { get; }

    /// <summary>The compiled kernels; their load count shows that launches reuse them.</summary>
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
        return new IlgpuMatrix(this, accelerator, matrix, kernel);
    }

    public IDeviceVector Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Bind();
        var buffer = accelerator.Allocate1D<double>(length);
        buffer.MemSetToZero();
        return new IlgpuVector(this, buffer);
    }

    public IDeviceScalars AllocateScalars(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Bind();
        var buffer = accelerator.Allocate1D<double>(count);
        buffer.MemSetToZero();
        return new IlgpuScalars(this, buffer);
    }

    public void CopyToDevice(ReadOnlySpan<double> source, IDeviceVector destination)
    {
        var target = Vector(destination, nameof(destination));
        RequireLength(source.Length, target, nameof(destination));
        if (source.IsEmpty)
            return;
        target.View.CopyFromCPU(source);
    }

    public void CopyToHost(IDeviceVector source, Span<double> destination)
    {
        var origin = Vector(source, nameof(source));
        RequireLength(destination.Length, origin, nameof(source));
        if (destination.IsEmpty)
            return;
        origin.View.CopyToCPU(destination);
    }

    public double Read(IDeviceScalars scalars, int slot)
    {
        var view = Slot(scalars, slot, nameof(slot));
        var value = 0.0;
        view.CopyToCPU(ref value, 1);
        return value;
    }

    public void Write(IDeviceScalars scalars, int slot, double value)
    {
        var view = Slot(scalars, slot, nameof(slot));
        view.CopyFromCPU(ref value, 1);
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
        if (from.Length == 0 || ReferenceEquals(from, to))
            return;
        from.View.CopyTo(to.View);
    }

    public void Fill(IDeviceVector x, double value)
    {
        var vector = Vector(x, nameof(x));
        if (vector.Length > 0)
            Kernels.Fill(vector.Length, vector.View, value);
    }

    public void Scale(Coefficient alpha, IDeviceVector x)
    {
        var vector = Vector(x, nameof(x));
        var (coefficient, scalars) = Evaluable(alpha, nameof(alpha));
        if (vector.Length > 0)
            Kernels.Scale(vector.Length, vector.View, coefficient, scalars);
    }

    public void Axpy(Coefficient alpha, IDeviceVector x, IDeviceVector y)
    {
        var input = Vector(x, nameof(x));
        var output = Vector(y, nameof(y));
        RequireLength(input.Length, output, nameof(y));
        var (coefficient, scalars) = Evaluable(alpha, nameof(alpha));
        if (input.Length > 0)
            Kernels.Axpy(input.Length, input.View, output.View, coefficient, scalars);
    }

    public void Xpay(IDeviceVector x, Coefficient beta, IDeviceVector y)
    {
        var input = Vector(x, nameof(x));
        var output = Vector(y, nameof(y));
        RequireLength(input.Length, output, nameof(y));
        var (coefficient, scalars) = Evaluable(beta, nameof(beta));
        if (input.Length > 0)
            Kernels.Xpay(input.Length, input.View, output.View, coefficient, scalars);
    }

    public void PointwiseMultiply(IDeviceVector x, IDeviceVector y, IDeviceVector z)
    {
        var left = Vector(x, nameof(x));
        var right = Vector(y, nameof(y));
        var output = Vector(z, nameof(z));
        RequireLength(left.Length, right, nameof(y));
        RequireLength(left.Length, output, nameof(z));
        if (left.Length > 0)
            Kernels.PointwiseMultiply(left.Length, left.View, right.View, output.View);
    }

    public void Divide(IDeviceScalars scalars, int slot, int numerator, int denominator)
    {
        var slots = Scalars(scalars, nameof(scalars));
        RequireSlot(slots, slot, nameof(slot));
        RequireSlot(slots, numerator, nameof(numerator));
        RequireSlot(slots, denominator, nameof(denominator));
        Kernels.Divide(1, slots.View, slot, numerator, denominator);
    }

    public void Synchronize()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        accelerator.Synchronize();
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        partials.Dispose();
        noScalars.Dispose();
        // Disposing the accelerator also frees the kernels and whatever buffers callers have not disposed.
        accelerator.Dispose();
        context.Dispose();
    }

    private void Spmv(IlgpuMatrix matrix, ArrayView<double> x, ArrayView<double> b, ArrayView<double> y, bool residual)
    {
        if (matrix.Rows == 0)
            return;
        var flag = residual ? 1 : 0;
        if (matrix.Kernel == SpmvKernel.WarpPerRow)
        {
            var rowsPerGroup = warpPerRowGroupSize / accelerator.WarpSize;
            var groups = (matrix.Rows + rowsPerGroup - 1) / rowsPerGroup;
            Kernels.CsrWarpPerRow(new KernelConfig(groups, warpPerRowGroupSize), matrix.RowPointers, matrix.ColumnIndices, matrix.Values, x, b, y, flag);
        }
        else
        {
            Kernels.CsrThreadPerRow(matrix.Rows, matrix.RowPointers, matrix.ColumnIndices, matrix.Values, x, b, y, flag);
        }
    }

    private void SumOfProducts(ArrayView<double> x, ArrayView<double> y, IDeviceScalars scalars, int slot, bool squareRoot)
    {
        var slots = Scalars(scalars, nameof(scalars));
        RequireSlot(slots, slot, nameof(slot));
        var length = x.IntLength;
        var groups = (int)Math.Min(MaxReductionGroups, ((long)length + reductionGroupSize - 1) / reductionGroupSize);
        if (groups > 0)
            Kernels.DotPartials(new KernelConfig(groups, reductionGroupSize), x, y, partials.View);
        Kernels.FinishSum(new KernelConfig(1, reductionGroupSize), partials.View, groups, slots.View, slot, squareRoot ? 1 : 0);
    }

    private (DeviceCoefficient Coefficient, ArrayView<double> Scalars) Evaluable(Coefficient coefficient, string name)
    {
        if (coefficient.Scalars is null)
        {
            if (coefficient.Numerator != Coefficient.None || coefficient.Denominator != Coefficient.None)
                throw new ArgumentException("A coefficient that names scalar slots needs the scalars they are in.", name);
            return (new DeviceCoefficient(coefficient.Constant, Coefficient.None, Coefficient.None), noScalars.View);
        }
        var slots = Scalars(coefficient.Scalars, name);
        if (coefficient.Numerator != Coefficient.None)
            RequireSlot(slots, coefficient.Numerator, name);
        if (coefficient.Denominator != Coefficient.None)
            RequireSlot(slots, coefficient.Denominator, name);
        return (new DeviceCoefficient(coefficient.Constant, coefficient.Numerator, coefficient.Denominator), slots.View);
    }

    /// <summary>
    /// Makes this accelerator current on the calling thread: a CUDA context is per thread, and a solve may continue on
    /// another thread than the one that created the backend. A no-op when it already is.
    /// </summary>
    private void Bind()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        accelerator.Bind();
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

    private ArrayView<double> Slot(IDeviceScalars scalars, int slot, string name)
    {
        var slots = Scalars(scalars, nameof(scalars));
        RequireSlot(slots, slot, name);
        return slots.View.SubView(slot, 1);
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
