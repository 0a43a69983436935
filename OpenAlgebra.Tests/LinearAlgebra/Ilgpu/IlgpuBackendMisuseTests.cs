using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>Misuse is an exception naming what was wrong, never a kernel reading past a buffer.</summary>
[Collection(CpuAcceleratorRunsAlone.Name)]
public sealed class IlgpuBackendMisuseTests(CpuAcceleratorBackend fixture) : IClassFixture<CpuAcceleratorBackend>
{
    private IlgpuBackend Backend => fixture.Backend;

    [Fact]
    public void Vectors_of_the_wrong_length_are_refused_with_both_lengths()
    {
        using var a = Backend.Upload(ModelProblems.Poisson2D(3));
        using var x = Backend.Allocate(9);
        using var shortY = Backend.Allocate(8);

        var product = Assert.Throws<ArgumentException>(() => Backend.Multiply(a, x, shortY));
        Assert.Contains("9×9 matrix needs x of 9 and a result of 9, not 9 and 8", product.Message, StringComparison.Ordinal);
        var axpy = Assert.Throws<ArgumentException>(() => Backend.Axpy(Coefficient.Of(1), x, shortY));
        Assert.Contains("8 elements where 9", axpy.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Backend.CopyToDevice(new double[10], x));
    }

    [Fact]
    public void A_product_cannot_overwrite_its_input()
    {
        using var a = Backend.Upload(ModelProblems.Poisson2D(3));
        using var x = Backend.Allocate(9);

        var error = Assert.Throws<ArgumentException>(() => Backend.Multiply(a, x, x));
        Assert.Contains("own input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalar_slots_outside_the_allocation_are_refused()
    {
        using var s = Backend.AllocateScalars(2);
        using var x = Backend.Allocate(4);

        Assert.Throws<ArgumentOutOfRangeException>(() => Backend.Read(s, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backend.Dot(x, x, s, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backend.Divide(s, 0, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backend.Scale(Coefficient.Ratio(s, 0, 2), x));
        var unbacked = Assert.Throws<ArgumentException>(() => Backend.Scale(new Coefficient(1, null, 0, Coefficient.None), x));
        Assert.Contains("needs the scalars", unbacked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handles_of_another_backend_are_refused()
    {
        // Even a backend on the same device: its buffers are ordered on its own stream, not this one's.
        using var other = new IlgpuBackend(fixture.Device);
        using var foreign = other.Allocate(4);
        using var foreignScalars = other.AllocateScalars(1);
        using var mine = Backend.Allocate(4);

        var error = Assert.Throws<ArgumentException>(() => Backend.Copy(foreign, mine));
        Assert.Contains("not allocated by this backend", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Backend.Axpy(Coefficient.Of(foreignScalars, 0), mine, mine));
    }

    [Fact]
    public void Disposed_handles_and_backends_are_refused()
    {
        var vector = Backend.Allocate(4);
        vector.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Backend.Fill(vector, 1));

        var backend = new IlgpuBackend(fixture.Device);
        var leftOver = backend.Allocate(4);
        backend.Dispose();
        Assert.Throws<ObjectDisposedException>(() => backend.Allocate(1));
        Assert.Throws<ObjectDisposedException>(() => backend.Fill(leftOver, 1));
        leftOver.Dispose();
        backend.Dispose();

        // The device outlives its backends.
        using var next = new IlgpuBackend(fixture.Device);
        using var scalars = next.AllocateScalars(1);
        next.Write(scalars, 0, 2);
        Assert.Equal(2, next.Read(scalars, 0));
    }

    [Fact]
    public void Names_what_computes()
    {
        Assert.Equal("gpu", Backend.Name);
        Assert.Equal("ILGPU CPU accelerator", Backend.Device);
    }
}
