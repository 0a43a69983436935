using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// One ILGPU backend on the CPU accelerator shared by a test class: each kernel compiles once per accelerator, and
/// paying that in every test would dominate the run.
/// </summary>
public sealed class CpuAcceleratorBackend : IDisposable
{
    internal IlgpuBackend Backend { get; } = IlgpuBackend.CreateOnCpuAccelerator();

    public void Dispose() => Backend.Dispose();
}
