using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>
/// The backend that runs on the host: SpMV over nnz-balanced row ranges and SIMD vector kernels, both spread over
/// <see cref="WorkerTeam"/>'s threads once vectors are large enough. No operation allocates. An instance serves one solve
/// at a time (its kernels keep their arguments in fields); any number of instances may run side by side.
/// </summary>
internal sealed class CpuBackend : ILinearAlgebraBackend
{
    private readonly VectorWork _vectors = new();
    private readonly SparseMultiplyWork _sparse = new();

    public string Name => "cpu";

    public string Device { get; } = Describe();

    public IDeviceMatrix Upload(CsrMatrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return new CpuMatrix(matrix);
    }

    public IDeviceVector Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new CpuVector(length);
    }

    public IDeviceScalars AllocateScalars(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new CpuScalars(count);
    }

    public void CopyToDevice(ReadOnlySpan<double> source, IDeviceVector destination)
    {
        var values = Values(destination, nameof(destination));
        SameLength(source.Length, values.Length, nameof(source));
        source.CopyTo(values);
    }

    public void CopyToHost(IDeviceVector source, Span<double> destination)
    {
        var values = Values(source, nameof(source));
        SameLength(values.Length, destination.Length, nameof(destination));
        values.CopyTo(destination);
    }

    public double Read(IDeviceScalars scalars, int slot) => Slots(scalars)[slot];

    public void Read(IDeviceScalars scalars, Span<double> destination) =>
        Slots(scalars).AsSpan(0, destination.Length).CopyTo(destination);

    public void Write(IDeviceScalars scalars, int slot, double value) => Slots(scalars)[slot] = value;

    public void Multiply(IDeviceMatrix a, IDeviceVector x, IDeviceVector y)
    {
        var matrix = Matrix(a);
        _sparse.Execute(matrix, Operand(x, matrix.Columns, nameof(x)), Operand(y, matrix.Rows, nameof(y)), null);
    }

    public void MultiplyTransposed(IDeviceMatrix a, IDeviceVector x, IDeviceVector y)
    {
        var transposed = Matrix(a).Transposed;
        _sparse.Execute(transposed, Operand(x, transposed.Columns, nameof(x)), Operand(y, transposed.Rows, nameof(y)), null);
    }

    public void Residual(IDeviceMatrix a, IDeviceVector x, IDeviceVector b, IDeviceVector r)
    {
        var matrix = Matrix(a);
        _sparse.Execute(
            matrix,
            Operand(x, matrix.Columns, nameof(x)),
            Operand(r, matrix.Rows, nameof(r)),
            Operand(b, matrix.Rows, nameof(b)));
    }

    public void Dot(IDeviceVector x, IDeviceVector y, IDeviceScalars scalars, int slot)
    {
        var xs = Values(x, nameof(x));
        Slots(scalars)[slot] = _vectors.Dot(xs, Operand(y, xs.Length, nameof(y)));
    }

    public void Norm2(IDeviceVector x, IDeviceScalars scalars, int slot)
    {
        var xs = Values(x, nameof(x));
        Slots(scalars)[slot] = Math.Sqrt(_vectors.Dot(xs, xs));
    }

    public void Copy(IDeviceVector source, IDeviceVector destination)
    {
        var xs = Values(source, nameof(source));
        _vectors.Map(VectorOperation.Copy, xs, Operand(destination, xs.Length, nameof(destination)), xs, 0);
    }

    public void Fill(IDeviceVector x, double value)
    {
        var xs = Values(x, nameof(x));
        _vectors.Map(VectorOperation.Fill, xs, xs, xs, value);
    }

    public void Scale(Coefficient alpha, IDeviceVector x)
    {
        var xs = Values(x, nameof(x));
        _vectors.Map(VectorOperation.Scale, xs, xs, xs, Evaluate(alpha));
    }

    public void Axpy(Coefficient alpha, IDeviceVector x, IDeviceVector y)
    {
        var xs = Values(x, nameof(x));
        _vectors.Map(VectorOperation.Axpy, xs, Operand(y, xs.Length, nameof(y)), xs, Evaluate(alpha));
    }

    public void Xpay(IDeviceVector x, Coefficient beta, IDeviceVector y)
    {
        var xs = Values(x, nameof(x));
        _vectors.Map(VectorOperation.Xpay, xs, Operand(y, xs.Length, nameof(y)), xs, Evaluate(beta));
    }

    public void PointwiseMultiply(IDeviceVector x, IDeviceVector y, IDeviceVector z)
    {
        var xs = Values(x, nameof(x));
        _vectors.Map(VectorOperation.PointwiseMultiply, xs, Operand(y, xs.Length, nameof(y)), Operand(z, xs.Length, nameof(z)), 0);
    }

    public void Divide(IDeviceScalars scalars, int slot, int numerator, int denominator)
    {
        var values = Slots(scalars);
        values[slot] = values[numerator] / values[denominator];
    }

    public void Synchronize()
    {
        // Every kernel has finished when its call returns.
    }

    public void Dispose()
    {
        // The worker team is shared by every CPU backend and lives as long as the process.
    }

    private static double Evaluate(Coefficient coefficient)
    {
        var value = coefficient.Constant;
        if (coefficient.Scalars is null)
        {
            if (coefficient.Numerator != Coefficient.None || coefficient.Denominator != Coefficient.None)
                throw new ArgumentException("A coefficient names scalar slots but carries no scalars.", nameof(coefficient));
            return value;
        }
        var slots = Slots(coefficient.Scalars);
        if (coefficient.Numerator != Coefficient.None)
            value *= slots[coefficient.Numerator];
        if (coefficient.Denominator != Coefficient.None)
            value /= slots[coefficient.Denominator];
        return value;
    }

    private static CpuMatrix Matrix(IDeviceMatrix matrix) =>
        matrix as CpuMatrix ?? throw new ArgumentException("The matrix was uploaded to another backend, not this CPU backend.", nameof(matrix));

    private static double[] Values(IDeviceVector vector, string name) =>
        (vector as CpuVector ?? throw new ArgumentException("The vector belongs to another backend, not this CPU backend.", name)).Values;

    private static double[] Slots(IDeviceScalars scalars) =>
        (scalars as CpuScalars ?? throw new ArgumentException("The scalars belong to another backend, not this CPU backend.", nameof(scalars))).Values;

    private static double[] Operand(IDeviceVector vector, int length, string name)
    {
        var values = Values(vector, name);
        SameLength(values.Length, length, name);
        return values;
    }

    private static void SameLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} has length {actual} where {expected} is needed.", name);
    }

    private static string Describe()
    {
        var instructions = Vector512.IsHardwareAccelerated ? "AVX-512"
            : Avx2.IsSupported ? "AVX2"
            : AdvSimd.IsSupported ? "NEON"
            : Vector.IsHardwareAccelerated ? "SSE"
            : "no SIMD";
        return $"{Environment.ProcessorCount} cores, {Vector<double>.Count * 64}-bit vectors ({instructions})";
    }
}
