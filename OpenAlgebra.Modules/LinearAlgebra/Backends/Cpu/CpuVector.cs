namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>A vector of the CPU backend: a plain array, which host-side preconditioner sweeps use directly.</summary>
internal sealed class CpuVector(int length) : IDeviceVector
{
    public double[] Values { get; } = new double[length];
    public int Length => Values.Length;

    public void Dispose()
    {
        // A managed array; the GC reclaims it.
    }
}
