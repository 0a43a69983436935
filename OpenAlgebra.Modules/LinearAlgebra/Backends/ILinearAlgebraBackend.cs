using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends;

/// <summary>A matrix living where the backend computes (host memory or a GPU).</summary>
public interface IDeviceMatrix : IDisposable
{
    int Rows { get; }
    int Columns { get; }
}

/// <summary>A vector of doubles living where the backend computes.</summary>
public interface IDeviceVector : IDisposable
{
    int Length { get; }
}

/// <summary>
/// Scalar slots living where the backend computes, so a solve's α, β, ρ never travel to the host between kernels.
/// </summary>
public interface IDeviceScalars : IDisposable
{
    int Count { get; }
}

/// <summary>
/// A coefficient evaluated on the device: <c>Constant · s[Numerator] / s[Denominator]</c>, each slot optional.
/// CG's α = ρ / (p·Ap) is <c>Coefficient.Ratio(s, Rho, PAp)</c>; −α is its <see cref="Negated"/>.
/// </summary>
public readonly record struct Coefficient(double Constant, IDeviceScalars? Scalars, int Numerator, int Denominator)
{
    public const int None = -1;

    public static Coefficient Of(double constant) => new(constant, null, None, None);
    public static Coefficient Of(IDeviceScalars scalars, int slot) => new(1, scalars, slot, None);
    public static Coefficient Ratio(IDeviceScalars scalars, int numerator, int denominator) => new(1, scalars, numerator, denominator);
    public Coefficient Negated() => this with { Constant = -Constant };
    public Coefficient Times(double factor) => this with { Constant = Constant * factor };
}

/// <summary>
/// The vector and sparse-matrix operations a Krylov solve needs, implemented once on the CPU (threads + SIMD) and once
/// on ILGPU (CUDA, or ILGPU's CPU accelerator in tests). No operation allocates once its buffers exist.
/// </summary>
public interface ILinearAlgebraBackend : IDisposable
{
    /// <summary><c>cpu</c> or <c>gpu</c>: what every result reports.</summary>
    string Name { get; }

    /// <summary>What actually computes, e.g. "16 cores, AVX2" or "NVIDIA H200 (CUDA)".</summary>
    string Device { get; }

    IDeviceMatrix Upload(CsrMatrix<double> matrix);
    IDeviceVector Allocate(int length);
    IDeviceScalars AllocateScalars(int count);

    void CopyToDevice(ReadOnlySpan<double> source, IDeviceVector destination);
    void CopyToHost(IDeviceVector source, Span<double> destination);

    /// <summary>Reads one scalar to the host; on a GPU this waits for queued work.</summary>
    double Read(IDeviceScalars scalars, int slot);
    /// <summary>
    /// Reads slots 0 … <c>destination.Length − 1</c> to the host in one transfer (one wait on a GPU): a solve's single
    /// look per iteration at its scalars, so the convergence test and the breakdown tests (p·Ap, ρ, ω) share one sync.
    /// </summary>
    void Read(IDeviceScalars scalars, Span<double> destination);

    void Write(IDeviceScalars scalars, int slot, double value);

    /// <summary>y = A·x (y overwritten, rows without entries included).</summary>
    void Multiply(IDeviceMatrix a, IDeviceVector x, IDeviceVector y);

    /// <summary>y = Aᵀ·x (y overwritten).</summary>
    void MultiplyTransposed(IDeviceMatrix a, IDeviceVector x, IDeviceVector y);

    /// <summary>r = b − A·x.</summary>
    void Residual(IDeviceMatrix a, IDeviceVector x, IDeviceVector b, IDeviceVector r);

    /// <summary>s[slot] = x·y.</summary>
    void Dot(IDeviceVector x, IDeviceVector y, IDeviceScalars scalars, int slot);

    /// <summary>s[slot] = ‖x‖₂.</summary>
    void Norm2(IDeviceVector x, IDeviceScalars scalars, int slot);

    void Copy(IDeviceVector source, IDeviceVector destination);
    void Fill(IDeviceVector x, double value);

    /// <summary>x = α·x.</summary>
    void Scale(Coefficient alpha, IDeviceVector x);

    /// <summary>y = y + α·x.</summary>
    void Axpy(Coefficient alpha, IDeviceVector x, IDeviceVector y);

    /// <summary>y = x + β·y (CG's search-direction update).</summary>
    void Xpay(IDeviceVector x, Coefficient beta, IDeviceVector y);

    /// <summary>z = x ∘ y, element by element (Jacobi).</summary>
    void PointwiseMultiply(IDeviceVector x, IDeviceVector y, IDeviceVector z);

    /// <summary>Sets s[slot] = s[numerator] / s[denominator] on the device (e.g. β = ρₖ₊₁/ρₖ).</summary>
    void Divide(IDeviceScalars scalars, int slot, int numerator, int denominator);

    /// <summary>Waits for queued work (a no-op on the CPU).</summary>
    void Synchronize();
}
