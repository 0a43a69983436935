namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>Scalar slots of the CPU backend: host memory already, so reading one costs nothing.</summary>
internal sealed class CpuScalars(int count) : IDeviceScalars
{
    public double[] Values { get; } = new double[count];
    public int Count => Values.Length;

    public void Dispose()
    {
        // A managed array; the GC reclaims it.
    }
}
