using ILGPU;
using ILGPU.Runtime;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>Scalar slots in an accelerator's memory: reductions write them and coefficients read them there.</summary>
internal sealed class IlgpuScalars(IlgpuBackend owner, MemoryBuffer1D<double, Stride1D.Dense> buffer) : IDeviceScalars
{
    public IlgpuBackend Owner { get; } = owner;
    public int Count { get; } = checked((int)buffer.Length);
    public ArrayView<double> View => buffer.View;
    public bool IsDisposed => buffer.IsDisposed;

    public void Dispose() => buffer.Dispose();
}
