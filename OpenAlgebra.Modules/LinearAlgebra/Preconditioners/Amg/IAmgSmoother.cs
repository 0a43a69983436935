using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// Relaxes A·x = b on one level before and after the coarse correction. Post-smoothing is the adjoint of pre-smoothing
/// in the A inner product, which is what makes the whole V-cycle a symmetric preconditioner for PCG.
/// </summary>
internal interface IAmgSmoother : IDisposable
{
    /// <summary>Sets <paramref name="x"/> to the smoothed approximation of A⁻¹·b from a zero start (its content is ignored).</summary>
    void PreSmooth(IDeviceVector b, IDeviceVector x);

    /// <summary>Improves <paramref name="x"/> by the adjoint of <see cref="PreSmooth"/>.</summary>
    void PostSmooth(IDeviceVector b, IDeviceVector x);
}
