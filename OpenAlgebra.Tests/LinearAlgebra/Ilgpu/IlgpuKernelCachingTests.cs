using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>Kernels compile on first use and never again for the life of the backend, however often they launch.</summary>
public sealed class IlgpuKernelCachingTests
{
    [Fact]
    public void Each_kernel_compiles_once_however_often_it_runs()
    {
        using var backend = IlgpuBackend.CreateOnCpuAccelerator();
        using var a = backend.Upload(ModelProblems.Poisson2D(8));
        using var x = backend.Allocate(64);
        using var y = backend.Allocate(64);
        using var s = backend.AllocateScalars(2);
        Assert.Equal(0, backend.Kernels.Loads);

        CgLikeStep(backend, a, x, y, s);
        // Fill, SpMV (one thread per row), dot's two passes, Axpy.
        Assert.Equal(5, backend.Kernels.Loads);

        for (var i = 0; i < 20; i++)
            CgLikeStep(backend, a, x, y, s);
        Assert.Equal(5, backend.Kernels.Loads);
    }

    private static void CgLikeStep(IlgpuBackend backend, IDeviceMatrix a, IDeviceVector x, IDeviceVector y, IDeviceScalars s)
    {
        backend.Fill(x, 1);
        backend.Multiply(a, x, y);
        backend.Dot(x, y, s, 0);
        backend.Dot(y, y, s, 1);
        backend.Axpy(Coefficient.Ratio(s, 0, 1).Negated(), y, x);
    }
}
