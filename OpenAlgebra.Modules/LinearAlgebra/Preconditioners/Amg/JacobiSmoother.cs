using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// x ← x + ω·D⁻¹(b − A·x) with ω = 4 / (3·ρ(D⁻¹A)), the weight that damps the upper half of the spectrum best. Built from
/// backend operations only, so it runs wherever the backend does, a GPU included.
/// </summary>
internal sealed class JacobiSmoother : IAmgSmoother
{
    private readonly ILinearAlgebraBackend _backend;
    private readonly IDeviceMatrix _a;
    private readonly IDeviceVector _weightedInverseDiagonal;
    private readonly IDeviceVector _residual;
    private readonly IDeviceVector _step;
    private readonly int _sweeps;

    public JacobiSmoother(ILinearAlgebraBackend backend, IDeviceMatrix a, double[] diagonal, double spectralRadius, int sweeps)
    {
        _backend = backend;
        _a = a;
        _sweeps = sweeps;
        var omega = 4 / (3 * spectralRadius);
        var weighted = new double[diagonal.Length];
        for (var i = 0; i < weighted.Length; i++)
            weighted[i] = omega / diagonal[i];
        _weightedInverseDiagonal = backend.Allocate(weighted.Length);
        _residual = backend.Allocate(weighted.Length);
        _step = backend.Allocate(weighted.Length);
        backend.CopyToDevice(weighted, _weightedInverseDiagonal);
    }

    /// <remarks>From x = 0 the residual is b itself, so the first sweep is one product.</remarks>
    public void PreSmooth(IDeviceVector b, IDeviceVector x)
    {
        _backend.PointwiseMultiply(_weightedInverseDiagonal, b, x);
        Sweeps(b, x, _sweeps - 1);
    }

    /// <summary>Jacobi is self-adjoint, so post-smoothing is the same sweeps again.</summary>
    public void PostSmooth(IDeviceVector b, IDeviceVector x) => Sweeps(b, x, _sweeps);

    public void Dispose()
    {
        _weightedInverseDiagonal.Dispose();
        _residual.Dispose();
        _step.Dispose();
    }

    private void Sweeps(IDeviceVector b, IDeviceVector x, int count)
    {
        for (var sweep = 0; sweep < count; sweep++)
        {
            _backend.Residual(_a, x, b, _residual);
            _backend.PointwiseMultiply(_weightedInverseDiagonal, _residual, _step);
            _backend.Axpy(Coefficient.Of(1), _step, x);
        }
    }
}
