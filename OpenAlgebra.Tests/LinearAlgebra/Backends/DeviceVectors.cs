using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Tests.LinearAlgebra.Backends;

/// <summary>Host arrays to and from a backend's vectors, for tests that look at what a kernel computed.</summary>
internal static class DeviceVectors
{
    public static IDeviceVector Upload(ILinearAlgebraBackend backend, double[] values)
    {
        var vector = backend.Allocate(values.Length);
        backend.CopyToDevice(values, vector);
        return vector;
    }

    public static double[] Download(ILinearAlgebraBackend backend, IDeviceVector vector)
    {
        var values = new double[vector.Length];
        backend.CopyToHost(vector, values);
        return values;
    }
}
