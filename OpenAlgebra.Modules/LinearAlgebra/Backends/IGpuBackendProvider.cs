using System.Diagnostics.CodeAnalysis;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends;

/// <summary>
/// Creates the GPU backend when this machine has a usable CUDA device. The ILGPU backend registers one in
/// <see cref="LinearAlgebraModule.AddLinearAlgebra"/>; without a registration no solve can run on a GPU.
/// </summary>
internal interface IGpuBackendProvider
{
    /// <summary>A fresh backend for one solve (the caller disposes it), or false when no CUDA device is present.</summary>
    bool TryCreate([NotNullWhen(true)] out ILinearAlgebraBackend? backend);
}
