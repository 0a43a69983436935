using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// Kernels compile on first use and never again for the life of the device, however often they launch and however
/// many solves (backends) use them.
/// </summary>
[Collection(CpuAcceleratorRunsAlone.Name)]
public sealed class IlgpuKernelCachingTests
{
    [Fact]
    public void Each_kernel_compiles_once_per_device()
    {
        using var device = IlgpuDevice.CreateCpuAccelerator();
        Assert.Equal(0, device.Kernels.Loads);

        using (var first = new IlgpuBackend(device))
        {
            CgLikeSteps(first, 1);
            // Fill, SpMV (one thread per row), the dot's two passes, Axpy.
            Assert.Equal(5, device.Kernels.Loads);
            CgLikeSteps(first, 20);
            Assert.Equal(5, device.Kernels.Loads);
        }

        using var second = new IlgpuBackend(device);
        CgLikeSteps(second, 3);
        Assert.Equal(5, device.Kernels.Loads);
    }

    private static void CgLikeSteps(IlgpuBackend backend, int steps)
    {
        using var a = backend.Upload(ModelProblems.Poisson2D(8));
        using var x = backend.Allocate(64);
        using var y = backend.Allocate(64);
        using var s = backend.AllocateScalars(2);
        for (var step = 0; step < steps; step++)
        {
            backend.Fill(x, 1);
            backend.Multiply(a, x, y);
            backend.Dot(x, y, s, 0);
            backend.Dot(y, y, s, 1);
            backend.Axpy(Coefficient.Ratio(s, 0, 1).Negated(), y, x);
        }
        backend.Synchronize();
    }
}
