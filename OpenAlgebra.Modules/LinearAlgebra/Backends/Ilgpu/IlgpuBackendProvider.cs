using System.Diagnostics.CodeAnalysis;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// The GPU behind <c>auto</c> and <c>gpu</c>: looks for its device once, on the first solve that asks, and keeps it
/// (with its compiled kernels) for the life of the process; each solve then gets a backend with its own stream.
/// The application looks for a CUDA device (<see cref="ForCuda"/>); tests hand it ILGPU's CPU accelerator.
/// </summary>
internal sealed class IlgpuBackendProvider(Func<IlgpuDevice?> findDevice) : IGpuBackendProvider, IDisposable
{
    private readonly Lazy<IlgpuDevice?> _device = new(findDevice, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IlgpuBackendProvider ForCuda() => new(IlgpuDevice.TryCreateCuda);

    /// <summary>Whether the device was found (looks on first use): for CUDA, whether this machine has a usable GPU.</summary>
    public bool IsGpuPresent => _device.Value is not null;

    public bool TryCreate([NotNullWhen(true)] out ILinearAlgebraBackend? backend)
    {
        backend = _device.Value is { } device ? new IlgpuBackend(device) : null;
        return backend is not null;
    }

    public void Dispose()
    {
        if (_device.IsValueCreated)
            _device.Value?.Dispose();
    }
}
