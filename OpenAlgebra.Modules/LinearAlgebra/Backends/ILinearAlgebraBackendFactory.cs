using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends;

/// <summary>
/// The backends solves run on, for code that drives kernels itself (the benchmarks): the same choice a solve makes,
/// <c>auto</c> deferring to <c>OpenAlgebra:LinearAlgebra:Backend</c>.
/// </summary>
public interface ILinearAlgebraBackendFactory
{
    /// <summary>A fresh backend; the caller disposes it.</summary>
    /// <exception cref="InvalidOperationException">The GPU was asked for and none is available; the message says so.</exception>
    ILinearAlgebraBackend Create(BackendPreference preference);
}
