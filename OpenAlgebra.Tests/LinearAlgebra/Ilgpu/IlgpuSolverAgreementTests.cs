using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// The same solve on the ILGPU backend (CPU accelerator) and on the CPU backend: both converge, in the same number of
/// iterations, to solutions that agree to 1e-10 relative. Only the summation order of reductions differs between them.
/// </summary>
[Collection(CpuAcceleratorRunsAlone.Name)]
public sealed class IlgpuSolverAgreementTests(CpuAcceleratorSolvers fixture) : IClassFixture<CpuAcceleratorSolvers>
{
    private const double Agreement = 1e-10;

    private static readonly Dictionary<string, Func<CsrMatrix<double>>> Matrices = new()
    {
        ["poisson2d-16"] = () => ModelProblems.Poisson2D(16),
        ["poisson3d-6"] = () => ModelProblems.Poisson3D(6),
        ["random-250x6"] = () => ModelProblems.RandomSparse(250, 6, 5),
        ["random-120x20"] = () => ModelProblems.RandomSparse(120, 20, 6),
    };

    public static TheoryData<SolverKind, PreconditionerKind, string> Cases => new()
    {
        { SolverKind.Cg, PreconditionerKind.None, "poisson2d-16" },
        { SolverKind.Cg, PreconditionerKind.Jacobi, "poisson3d-6" },
        { SolverKind.Cg, PreconditionerKind.Ic0, "poisson2d-16" },
        { SolverKind.BiCgStab, PreconditionerKind.None, "random-250x6" },
        { SolverKind.BiCgStab, PreconditionerKind.Jacobi, "random-120x20" },
        { SolverKind.Gmres, PreconditionerKind.Jacobi, "random-250x6" },
        { SolverKind.Minres, PreconditionerKind.None, "poisson3d-6" },
        { SolverKind.Cgls, PreconditionerKind.None, "random-120x20" },
        { SolverKind.Lsqr, PreconditionerKind.None, "random-120x20" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gpu_and_cpu_backends_reach_the_same_solution(SolverKind solver, PreconditionerKind preconditioner, string matrix)
    {
        var a = Matrices[matrix]();
        var random = new Random(11);
        var b = Enumerable.Range(0, a.Rows).Select(_ => random.NextDouble() - 0.5).ToArray();
        var options = new SolveOptions { Solver = solver, Preconditioner = preconditioner, Tolerance = 1e-11, MaxIterations = 2000 };

        var cpu = fixture.Solver.Solve(a, b, options with { Backend = BackendPreference.Cpu }, TestContext.Current.CancellationToken);
        var gpu = fixture.Solver.Solve(a, b, options with { Backend = BackendPreference.Gpu }, TestContext.Current.CancellationToken);

        Assert.True(cpu.Converged, cpu.Reason);
        Assert.True(gpu.Converged, gpu.Reason);
        Assert.Equal(("cpu", "gpu"), (cpu.Backend, gpu.Backend));
        Assert.Equal(cpu.Iterations, gpu.Iterations);
        Ilgpu.Agreement.Vectors(cpu.Solution, gpu.Solution, Agreement);
    }

    /// <summary>
    /// AMG smooths with Gauss–Seidel on the CPU backend and with Jacobi elsewhere, so the two solves take different
    /// paths: both must converge, and to the same x within what the tolerance allows.
    /// </summary>
    [Fact]
    public void Amg_pcg_converges_on_the_gpu_backend_to_the_cpu_solution()
    {
        var a = ModelProblems.Poisson2D(16);
        var b = Enumerable.Range(0, a.Rows).Select(i => Math.Sin(i)).ToArray();
        var options = new SolveOptions { Preconditioner = PreconditionerKind.Amg, Tolerance = 1e-10 };

        var cpu = fixture.Solver.Solve(a, b, options with { Backend = BackendPreference.Cpu }, TestContext.Current.CancellationToken);
        var gpu = fixture.Solver.Solve(a, b, options with { Backend = BackendPreference.Gpu }, TestContext.Current.CancellationToken);

        Assert.True(gpu.Converged, gpu.Reason);
        Assert.Equal("gpu", gpu.Backend);
        Assert.InRange(gpu.Iterations, 1, 30);
        Ilgpu.Agreement.Vectors(cpu.Solution, gpu.Solution, 1e-7);
    }
}
