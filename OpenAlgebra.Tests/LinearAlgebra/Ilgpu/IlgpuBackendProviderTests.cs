using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// The GPU provider the module registers finds a CUDA device exactly where there is one, and the backend choice follows:
/// here (no GPU) auto solves on the CPU and gpu is refused; on a GPU machine (OPENALGEBRA_TEST_GPU=1) both run on CUDA.
/// </summary>
public sealed class IlgpuBackendProviderTests
{
    [Fact]
    public void The_module_registers_the_CUDA_provider_and_it_finds_a_GPU_exactly_when_one_is_declared()
    {
        using var services = Services(BackendPreference.Auto);
        var provider = Assert.IsType<IlgpuBackendProvider>(services.GetRequiredService<IGpuBackendProvider>());

        Assert.Equal(Gpu.Declared, provider.IsGpuPresent);
        Assert.Equal(Gpu.Declared, provider.TryCreate(out var backend));
        using (backend)
        {
            if (backend is not null)
                Assert.Contains("(CUDA, ", backend.Device, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Auto_uses_the_GPU_where_there_is_one_and_the_CPU_elsewhere()
    {
        using var services = Services(BackendPreference.Auto);
        var result = services.GetRequiredService<ILinearSolver>().Solve(ModelProblems.Poisson2D(4), Ones(16), new SolveOptions(), TestContext.Current.CancellationToken);

        Assert.True(result.Converged);
        Assert.Equal(Gpu.Declared ? "gpu" : "cpu", result.Backend);
    }

    [Fact]
    public void Gpu_without_a_GPU_is_refused_with_the_reason()
    {
        if (Gpu.Declared)
            Assert.Skip("This machine has a GPU.");
        using var services = Services(BackendPreference.Gpu);
        var solver = services.GetRequiredService<ILinearSolver>();

        var error = Assert.Throws<InvalidOperationException>(() => solver.Solve(ModelProblems.Poisson2D(4), Ones(16), new SolveOptions(), TestContext.Current.CancellationToken));
        Assert.Contains("no CUDA device", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(BackendPreference backend)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{LinearAlgebraOptions.Section}:Backend"] = backend.ToString() })
            .Build();
        return new ServiceCollection().AddLogging().AddLinearAlgebra(configuration).BuildServiceProvider();
    }

    private static double[] Ones(int length) => Enumerable.Repeat(1.0, length).ToArray();
}
