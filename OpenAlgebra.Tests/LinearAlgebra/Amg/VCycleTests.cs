using System.Numerics.Tensors;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>
/// The V-cycle on the CPU backend as an operator: symmetric and positive (what PCG needs), a fast stationary iteration
/// on its own, and free of allocation per application.
/// </summary>
public sealed class VCycleTests(ITestOutputHelper output)
{
    // Smoothers go by name: AmgSmoother is internal and a public test method cannot take it.
    public static TheoryData<string, string> Cases => new()
    {
        { "poisson", nameof(AmgSmoother.Jacobi) },
        { "poisson", nameof(AmgSmoother.SymmetricGaussSeidel) },
        { "random walker", nameof(AmgSmoother.Jacobi) },
        { "random walker", nameof(AmgSmoother.SymmetricGaussSeidel) },
        { "level cap", nameof(AmgSmoother.SymmetricGaussSeidel) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_cycle_is_a_symmetric_positive_definite_operator(string problem, string smoother)
    {
        var (a, options) = Problem(problem, Enum.Parse<AmgSmoother>(smoother));
        using var backend = new CpuBackend();
        using var amg = SmoothedAggregationAmg.Create(backend, a, options, cancellationToken: TestContext.Current.CancellationToken);
        var random = new Random(11);
        var v = Enumerable.Range(0, a.Rows).Select(_ => random.NextDouble() - 0.5).ToArray();
        var w = Enumerable.Range(0, a.Rows).Select(_ => random.NextDouble() - 0.5).ToArray();

        var mv = Apply(backend, amg, v);
        var mw = Apply(backend, amg, w);

        var vMw = TensorPrimitives.Dot<double>(v, mw);
        var wMv = TensorPrimitives.Dot<double>(w, mv);
        Assert.True(Math.Abs(vMw - wMv) <= 1e-12 * TensorPrimitives.Norm<double>(v) * TensorPrimitives.Norm<double>(mw),
            $"vᵀM⁻¹w = {vMw:R} but wᵀM⁻¹v = {wMv:R}");
        Assert.True(TensorPrimitives.Dot<double>(v, mv) > 0);
        Assert.True(TensorPrimitives.Dot<double>(w, mw) > 0);
    }

    [Theory]
    [InlineData(nameof(AmgSmoother.Jacobi), 0.5)]
    [InlineData(nameof(AmgSmoother.SymmetricGaussSeidel), 0.42)]
    public void As_a_stationary_iteration_each_cycle_cuts_the_Poisson_residual_by_a_grid_independent_factor(string smoother, double bound)
    {
        foreach (var n in new[] { 64, 256 })
        {
            var a = ModelProblems.Poisson2D(n);
            using var backend = new CpuBackend();
            using var amg = SmoothedAggregationAmg.Create(backend, a, new AmgOptions { Smoother = Enum.Parse<AmgSmoother>(smoother) }, cancellationToken: TestContext.Current.CancellationToken);
            var b = Enumerable.Range(0, a.Rows).Select(i => Math.Sin(0.37 * i)).ToArray();
            var x = new double[a.Rows];
            var residual = (double[])b.Clone();
            const int cycles = 10;
            for (var cycle = 0; cycle < cycles; cycle++)
            {
                var correction = Apply(backend, amg, residual);
                TensorPrimitives.Add(x, correction, x);
                a.Multiply(x, residual);
                TensorPrimitives.Subtract(b, residual, residual);
            }

            var factor = Math.Pow(TensorPrimitives.Norm<double>(residual) / TensorPrimitives.Norm<double>(b), 1.0 / cycles);
            output.WriteLine($"{smoother} n={n}: residual factor per cycle {factor:F3}");
            Assert.InRange(factor, 0, bound);
        }
    }

    [Theory]
    [InlineData(nameof(AmgSmoother.Jacobi))]
    [InlineData(nameof(AmgSmoother.SymmetricGaussSeidel))]
    public void Applying_the_cycle_allocates_nothing(string smoother)
    {
        var a = ModelProblems.Poisson2D(300);
        using var backend = new CpuBackend();
        using var amg = SmoothedAggregationAmg.Create(backend, a, new AmgOptions { Smoother = Enum.Parse<AmgSmoother>(smoother) }, cancellationToken: TestContext.Current.CancellationToken);
        using var r = backend.Allocate(a.Rows);
        using var z = backend.Allocate(a.Rows);
        backend.Fill(r, 1);
        amg.Apply(r, z);

        Assert.Equal(0, ThreadAllocations.Fewest(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                amg.Apply(r, z);
            }
        }));
    }

    [Fact]
    public void Vectors_of_the_wrong_length_are_rejected()
    {
        var a = ModelProblems.Poisson2D(10);
        using var backend = new CpuBackend();
        using var amg = SmoothedAggregationAmg.Create(backend, a, cancellationToken: TestContext.Current.CancellationToken);
        using var r = backend.Allocate(a.Rows - 1);
        using var z = backend.Allocate(a.Rows);

        var error = Assert.Throws<ArgumentException>(() => amg.Apply(r, z));

        Assert.Contains("100 unknowns", error.Message, StringComparison.Ordinal);
    }

    private static (CsrMatrix<double> Matrix, AmgOptions Options) Problem(string name, AmgSmoother smoother) => name switch
    {
        "poisson" => (ModelProblems.Poisson2D(120), new AmgOptions { Smoother = smoother }),
        "random walker" => (GridLaplacian.RandomWalker(120, beta: 50, seed: 4).Matrix, new AmgOptions { Smoother = smoother, Sweeps = 2 }),
        // Two levels, the second too big for the dense solve: it is smoothed instead.
        "level cap" => (ModelProblems.Poisson2D(120), new AmgOptions { Smoother = smoother, MaxLevels = 2 }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    internal static double[] Apply(CpuBackend backend, SmoothedAggregationAmg amg, double[] r)
    {
        using var rDevice = backend.Allocate(r.Length);
        using var zDevice = backend.Allocate(r.Length);
        backend.CopyToDevice(r, rDevice);
        amg.Apply(rDevice, zDevice);
        var z = new double[r.Length];
        backend.CopyToHost(zDevice, z);
        return z;
    }
}
