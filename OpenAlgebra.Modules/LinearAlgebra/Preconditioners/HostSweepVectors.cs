using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners;

/// <summary>
/// Host arrays for the triangular sweeps of ILU(0), IC(0) and SSOR, which are sequential and run on the host. On the CPU
/// backend they are the vectors' own arrays; on another backend (a GPU) r is copied to the host and z back, two
/// transfers per application, which is the price of those preconditioners there.
/// </summary>
internal sealed class HostSweepVectors(ILinearAlgebraBackend backend, int length)
{
    private readonly double[] _input = backend is CpuBackend ? [] : new double[length];
    private readonly double[] _output = backend is CpuBackend ? [] : new double[length];

    public ReadOnlySpan<double> Input(IDeviceVector r)
    {
        if (r is CpuVector cpu)
            return cpu.Values;
        backend.CopyToHost(r, _input);
        return _input;
    }

    public Span<double> Output(IDeviceVector z) => z is CpuVector cpu ? cpu.Values : _output;

    /// <summary>Sends what was written to <see cref="Output"/> to z when z lives off the host.</summary>
    public void Publish(IDeviceVector z)
    {
        if (z is not CpuVector)
            backend.CopyToDevice(_output, z);
    }
}
