using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>Every backend operation on ILGPU (CPU accelerator) agrees with the CPU backend to 1e-12 relative.</summary>
[Collection(CpuAcceleratorRunsAlone.Name)]
public sealed class IlgpuCpuBackendAgreementTests(CpuAcceleratorBackend fixture) : IClassFixture<CpuAcceleratorBackend>
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> MatrixNames => ["poisson2d-30", "poisson3d-7", "random-400x24", "random-333x3"];

    [Theory]
    [MemberData(nameof(MatrixNames))]
    public void Sparse_products_agree(string name)
    {
        var a = name switch
        {
            "poisson2d-30" => ModelProblems.Poisson2D(30),
            "poisson3d-7" => ModelProblems.Poisson3D(7),
            "random-400x24" => ModelProblems.RandomSparse(400, 24, 7),
            _ => ModelProblems.RandomSparse(333, 3, 2),
        };
        using var cpu = new CpuBackend();
        BackendAgreement.Products(cpu, fixture.Backend, a, Tolerance);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(4099)]
    public void Vector_operations_agree(int length)
    {
        using var cpu = new CpuBackend();
        BackendAgreement.VectorOperations(cpu, fixture.Backend, length, Tolerance);
    }
}
