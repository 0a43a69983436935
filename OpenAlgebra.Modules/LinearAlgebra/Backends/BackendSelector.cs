using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends;

/// <summary>
/// Picks the backend for a solve: the solve's own preference, or <c>OpenAlgebra:LinearAlgebra:Backend</c> when the solve
/// says auto. Auto takes the GPU when a CUDA device is present and the CPU otherwise; gpu without a GPU is an error.
/// </summary>
internal sealed class BackendSelector(IOptions<LinearAlgebraOptions> options, IEnumerable<IGpuBackendProvider> gpuProviders) : ILinearAlgebraBackendFactory
{
    private readonly IGpuBackendProvider? _gpu = gpuProviders.FirstOrDefault();

    /// <exception cref="InvalidOperationException">The GPU was required and none is available.</exception>
    public ILinearAlgebraBackend Create(BackendPreference requested)
    {
        var preference = requested == BackendPreference.Auto ? options.Value.Backend : requested;
        switch (preference)
        {
            case BackendPreference.Cpu:
                return new CpuBackend();
            case BackendPreference.Gpu:
                if (_gpu is null)
                    throw new InvalidOperationException("The gpu backend was asked for, but this build has no GPU backend; use cpu or auto.");
                return _gpu.TryCreate(out var gpu)
                    ? gpu
                    : throw new InvalidOperationException("The gpu backend was asked for, but no CUDA device was found; use cpu or auto.");
            default:
                return _gpu is not null && _gpu.TryCreate(out var available) ? available : new CpuBackend();
        }
    }
}
