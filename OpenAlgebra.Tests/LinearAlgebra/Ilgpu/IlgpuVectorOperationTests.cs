using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Tests.LinearAlgebra.Solvers;
using static OpenAlgebra.Tests.LinearAlgebra.Backends.DeviceVectors;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// Every vector operation of the ILGPU backend (CPU accelerator) against plain C# loops, at lengths around the group
/// sizes: empty, one element, one short of and one past a 16-thread group, and a few thousand.
/// </summary>
[Collection(CpuAcceleratorRunsAlone.Name)]
public sealed class IlgpuVectorOperationTests(CpuAcceleratorBackend fixture) : IClassFixture<CpuAcceleratorBackend>
{
    private const double Tolerance = 1e-12;

    public static TheoryData<int> Lengths => [0, 1, 15, 17, 1000, 4099];

    private IlgpuBackend Backend => fixture.Backend;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Copies_to_the_device_and_back_unchanged(int length)
    {
        var x = SolverTestMatrices.RandomVector(length, 1);
        using var device = Upload(Backend, x);
        var back = new double[length];
        Backend.CopyToHost(device, back);
        Assert.Equal(x, back);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Fill_and_copy_set_every_element(int length)
    {
        using var x = Backend.Allocate(length);
        using var y = Upload(Backend, SolverTestMatrices.RandomVector(length, 2));
        Backend.Fill(x, -2.5);
        Assert.All(Download(Backend, x), v => Assert.Equal(-2.5, v));
        Backend.Copy(y, x);
        Assert.Equal(Download(Backend, y), Download(Backend, x));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Scale_by_a_constant_and_by_a_ratio_of_device_scalars(int length)
    {
        var host = SolverTestMatrices.RandomVector(length, 3);
        using var x = Upload(Backend, host);
        using var s = Backend.AllocateScalars(2);
        Backend.Write(s, 0, 3.0);
        Backend.Write(s, 1, 7.0);

        Backend.Scale(Coefficient.Of(0.5), x);
        Backend.Scale(new Coefficient(-2, s, 0, 1), x);

        Agreement.Vectors(host.Select(v => v * 0.5 * (-2 * 3.0 / 7.0)).ToArray(), Download(Backend, x), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Axpy_adds_a_multiple_read_from_a_scalar_slot(int length)
    {
        var hostX = SolverTestMatrices.RandomVector(length, 4);
        var hostY = SolverTestMatrices.RandomVector(length, 5);
        using var x = Upload(Backend, hostX);
        using var y = Upload(Backend, hostY);
        using var s = Backend.AllocateScalars(3);
        Backend.Write(s, 2, 1.75);

        Backend.Axpy(Coefficient.Of(s, 2).Negated(), x, y);

        Agreement.Vectors(hostY.Select((v, i) => v - 1.75 * hostX[i]).ToArray(), Download(Backend, y), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Xpay_is_x_plus_beta_y(int length)
    {
        var hostX = SolverTestMatrices.RandomVector(length, 6);
        var hostY = SolverTestMatrices.RandomVector(length, 7);
        using var x = Upload(Backend, hostX);
        using var y = Upload(Backend, hostY);
        using var s = Backend.AllocateScalars(2);
        Backend.Write(s, 0, 5.0);
        Backend.Write(s, 1, 4.0);

        Backend.Xpay(x, Coefficient.Ratio(s, 0, 1), y);

        Agreement.Vectors(hostX.Select((v, i) => v + 1.25 * hostY[i]).ToArray(), Download(Backend, y), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Pointwise_multiply_writes_the_elementwise_product(int length)
    {
        var hostX = SolverTestMatrices.RandomVector(length, 8);
        var hostY = SolverTestMatrices.RandomVector(length, 9);
        using var x = Upload(Backend, hostX);
        using var y = Upload(Backend, hostY);
        using var z = Backend.Allocate(length);

        Backend.PointwiseMultiply(x, y, z);

        Assert.Equal(hostX.Select((v, i) => v * hostY[i]).ToArray(), Download(Backend, z));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_and_norm_match_a_sequential_sum(int length)
    {
        var hostX = SolverTestMatrices.RandomVector(length, 10);
        var hostY = SolverTestMatrices.RandomVector(length, 11);
        using var x = Upload(Backend, hostX);
        using var y = Upload(Backend, hostY);
        using var s = Backend.AllocateScalars(2);
        Backend.Write(s, 0, double.NaN);
        Backend.Write(s, 1, double.NaN);

        Backend.Dot(x, y, s, 0);
        Backend.Norm2(x, s, 1);

        double dot = 0, dotScale = 0, squares = 0;
        for (var i = 0; i < length; i++)
        {
            dot += hostX[i] * hostY[i];
            dotScale += Math.Abs(hostX[i] * hostY[i]);
            squares += hostX[i] * hostX[i];
        }
        Agreement.Scalars(dot, Backend.Read(s, 0), dotScale, Tolerance);
        Agreement.Scalars(Math.Sqrt(squares), Backend.Read(s, 1), Math.Sqrt(squares), Tolerance);
    }

    [Fact]
    public void A_reduction_feeds_a_later_kernel_without_visiting_the_host()
    {
        // CG's step: α = ρ / (p·Ap) computed and applied on the device, read back only to check.
        var hostP = SolverTestMatrices.RandomVector(500, 12);
        var hostR = SolverTestMatrices.RandomVector(500, 13);
        using var p = Upload(Backend, hostP);
        using var r = Upload(Backend, hostR);
        using var s = Backend.AllocateScalars(3);
        const int Rho = 0, PAp = 1, Alpha = 2;

        Backend.Dot(r, r, s, Rho);
        Backend.Dot(p, p, s, PAp);
        Backend.Divide(s, Alpha, Rho, PAp);
        Backend.Axpy(Coefficient.Ratio(s, Rho, PAp).Negated(), p, r);

        var alpha = hostR.Sum(v => v * v) / hostP.Sum(v => v * v);
        Agreement.Scalars(alpha, Backend.Read(s, Alpha), alpha, Tolerance);
        Agreement.Vectors(hostR.Select((v, i) => v - alpha * hostP[i]).ToArray(), Download(Backend, r), 1e-11);
    }

    [Fact]
    public void Write_then_read_returns_the_value_in_its_slot_only()
    {
        using var s = Backend.AllocateScalars(4);
        Backend.Write(s, 2, Math.PI);
        Assert.Equal([0, 0, Math.PI, 0], Enumerable.Range(0, 4).Select(slot => Backend.Read(s, slot)));
    }

    [Fact]
    public void Reading_several_slots_takes_them_from_slot_zero_on()
    {
        using var s = Backend.AllocateScalars(4);
        Backend.Write(s, 0, 1.5);
        Backend.Write(s, 2, -4);
        var three = new double[3];
        Backend.Read(s, three);
        Assert.Equal([1.5, 0, -4], three);
        Assert.Throws<ArgumentException>(() => Backend.Read(s, new double[5]));
    }
}
