using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// Relaxes A·x = b on one level. The V-cycle calls it before and after the coarse correction with the same sweeps, and a
/// smoother here is its own adjoint in the A inner product, so the whole cycle is a symmetric preconditioner.
/// </summary>
internal interface IAmgSmoother : IDisposable
{
    /// <summary>Improves <paramref name="x"/>; with <paramref name="fromZero"/> its content is ignored and taken as 0.</summary>
    void Smooth(IDeviceVector b, IDeviceVector x, bool fromZero);
}
