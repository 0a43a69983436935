using System.Diagnostics;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// The ILGPU backend on a real CUDA GPU, at sizes the CPU accelerator cannot reach: operations and solves agree with the
/// CPU backend, a warmed-up iteration allocates nothing, and a throughput report for the device check. Run by
/// ops/gpu-check.sh; skipped where no GPU is declared.
/// </summary>
[Trait("Category", Gpu.Category)]
public sealed class IlgpuCudaTests(CudaDevice cuda) : IClassFixture<CudaDevice>
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> MatrixNames => ["poisson2d-300", "poisson3d-40", "random-50000x24", "random-100000x3"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(MatrixNames))]
    public void Sparse_products_agree_with_the_CPU_backend(string name)
    {
        using var gpu = cuda.CreateBackend();
        using var cpu = new CpuBackend();
        BackendAgreement.Products(cpu, gpu, Matrix(name), Tolerance);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(257)]
    [InlineData(1_000_003)]
    public void Vector_operations_agree_with_the_CPU_backend(int length)
    {
        using var gpu = cuda.CreateBackend();
        using var cpu = new CpuBackend();
        BackendAgreement.VectorOperations(cpu, gpu, length, Tolerance);
    }

    [Theory]
    [InlineData(SolverKind.Cg, PreconditionerKind.None, "poisson2d-300")]
    [InlineData(SolverKind.Cg, PreconditionerKind.Jacobi, "poisson3d-40")]
    [InlineData(SolverKind.BiCgStab, PreconditionerKind.Jacobi, "random-100000x3")]
    [InlineData(SolverKind.Gmres, PreconditionerKind.None, "random-50000x24")]
    [InlineData(SolverKind.Lsqr, PreconditionerKind.None, "random-50000x24")]
    public void Solves_agree_with_the_CPU_backend(SolverKind solver, PreconditionerKind preconditioner, string name)
    {
        cuda.Require();
        var a = Matrix(name);
        var random = new Random(3);
        var b = Enumerable.Range(0, a.Rows).Select(_ => random.NextDouble() - 0.5).ToArray();
        var options = new SolveOptions { Solver = solver, Preconditioner = preconditioner, Tolerance = 1e-10, MaxIterations = 5000 };

        var onCpu = cuda.Solver.Solve(a, b, options with { Backend = BackendPreference.Cpu }, Ct);
        var onGpu = cuda.Solver.Solve(a, b, options with { Backend = BackendPreference.Gpu }, Ct);

        Assert.True(onGpu.Converged, onGpu.Reason);
        Assert.Equal("gpu", onGpu.Backend);
        Assert.Equal(onCpu.Iterations, onGpu.Iterations);
        Agreement.Vectors(onCpu.Solution, onGpu.Solution, 1e-10, "x");
    }

    [Fact]
    public void A_warmed_up_iteration_allocates_nothing_on_the_launching_thread()
    {
        using var gpu = cuda.CreateBackend();
        var a = ModelProblems.Poisson2D(200);
        using var matrix = gpu.Upload(a);
        using var p = gpu.Allocate(a.Rows);
        using var q = gpu.Allocate(a.Rows);
        using var r = gpu.Allocate(a.Rows);
        using var s = gpu.AllocateScalars(2);
        gpu.Fill(p, 1);
        gpu.Fill(r, 1);
        CgIteration(gpu, matrix, p, q, r, s);
        gpu.Synchronize();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
            CgIteration(gpu, matrix, p, q, r, s);
        gpu.Synchronize();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// The device check's numbers, written to the test output: SpMV on the 1M-row 5-point Poisson matrix (both backends)
    /// and Jacobi- and AMG-PCG to 1e-8 on it. Nothing here asserts a time; the solves must still converge and agree.
    /// </summary>
    [Fact]
    public void Throughput_report()
    {
        using var gpu = cuda.CreateBackend();
        using var cpu = new CpuBackend();
        var a = ModelProblems.Poisson2D(1000);
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"device: {gpu.Device}; host: {cpu.Device}");

        foreach (var backend in new ILinearAlgebraBackend[] { cpu, gpu })
        {
            var seconds = SpmvSeconds(backend, a, repetitions: 100);
            // CSR traffic at best: values and column indices per entry, row pointers, x read once, y written once.
            var bytes = a.NonZeros * 12.0 + (a.Rows + 1) * 4.0 + a.Columns * 8.0 + a.Rows * 8.0;
            output.WriteLine($"spmv poisson2d-1000 {backend.Name}: {seconds * 1e3:F3} ms, {2.0 * a.NonZeros / seconds / 1e9:F1} GFLOP/s, {bytes / seconds / 1e9:F1} GB/s effective");
        }

        var b = Enumerable.Repeat(1.0, a.Rows).ToArray();
        foreach (var preconditioner in new[] { PreconditionerKind.Jacobi, PreconditionerKind.Amg })
        {
            var options = new SolveOptions { Preconditioner = preconditioner, Tolerance = 1e-8, MaxIterations = 10_000 };
            var results = new[] { BackendPreference.Cpu, BackendPreference.Gpu }
                .Select(backend => cuda.Solver.Solve(a, b, options with { Backend = backend }, Ct))
                .ToArray();
            foreach (var result in results)
                output.WriteLine($"{preconditioner}-pcg poisson2d-1000 {result.Backend}: {result.Iterations} iterations, {result.Elapsed.TotalSeconds:F3} s, relative residual {result.RelativeResidual:E2}");

            Assert.All(results, result => Assert.True(result.Converged, result.Reason));
            Agreement.Vectors(results[0].Solution, results[1].Solution, 1e-6, "x");
        }
    }

    private static double SpmvSeconds(ILinearAlgebraBackend backend, CsrMatrix<double> a, int repetitions)
    {
        using var matrix = backend.Upload(a);
        using var x = backend.Allocate(a.Columns);
        using var y = backend.Allocate(a.Rows);
        backend.Fill(x, 1);
        backend.Multiply(matrix, x, y);
        backend.Synchronize();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < repetitions; i++)
            backend.Multiply(matrix, x, y);
        backend.Synchronize();
        return Stopwatch.GetElapsedTime(started).TotalSeconds / repetitions;
    }

    private static void CgIteration(ILinearAlgebraBackend backend, IDeviceMatrix a, IDeviceVector p, IDeviceVector q, IDeviceVector r, IDeviceScalars s)
    {
        backend.Multiply(a, p, q);
        backend.Dot(p, q, s, 1);
        backend.Dot(r, r, s, 0);
        backend.Axpy(Coefficient.Ratio(s, 0, 1).Negated(), q, r);
        backend.Xpay(r, Coefficient.Of(0.5), p);
    }

    private static CsrMatrix<double> Matrix(string name) => name switch
    {
        "poisson2d-300" => ModelProblems.Poisson2D(300),
        "poisson3d-40" => ModelProblems.Poisson3D(40),
        "random-50000x24" => ModelProblems.RandomSparse(50_000, 24, 7),
        "random-100000x3" => ModelProblems.RandomSparse(100_000, 3, 8),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown test matrix."),
    };
}
