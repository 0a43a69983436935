using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>z = M⁻¹·r for a preconditioner M built once per matrix on one backend.</summary>
internal interface IPreconditioner : IDisposable
{
    void Apply(IDeviceVector r, IDeviceVector z);
}
