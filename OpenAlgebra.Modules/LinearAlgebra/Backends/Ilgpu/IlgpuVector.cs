using ILGPU;
using ILGPU.Runtime;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>A vector in an accelerator's memory, usable only with the backend that allocated it.</summary>
internal sealed class IlgpuVector(IlgpuBackend owner, MemoryBuffer1D<double, Stride1D.Dense> buffer) : IDeviceVector
{
    public IlgpuBackend Owner { get; } = owner;
    public int Length { get; } = checked((int)buffer.Length);
    public ArrayView<double> View => buffer.View;
    public bool IsDisposed => buffer.IsDisposed;

    public void Dispose() => buffer.Dispose();
}
