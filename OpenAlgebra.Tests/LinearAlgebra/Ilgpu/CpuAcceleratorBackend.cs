using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// ILGPU's CPU accelerator shared by a test class, with one backend on it: each kernel compiles once per device, and
/// paying that in every test would dominate the run.
/// </summary>
public sealed class CpuAcceleratorBackend : IDisposable
{
    public CpuAcceleratorBackend()
    {
        Device = IlgpuDevice.CreateCpuAccelerator();
        Backend = new IlgpuBackend(Device);
    }

    internal IlgpuDevice Device { get; }
    internal IlgpuBackend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        Device.Dispose();
    }
}
