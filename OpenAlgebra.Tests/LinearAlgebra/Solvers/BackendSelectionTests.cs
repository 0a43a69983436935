using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

public sealed class BackendSelectionTests
{
    [Fact]
    public void The_module_registers_a_solver_that_runs_where_configuration_says()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenAlgebra:LinearAlgebra:Backend"] = "cpu" })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddLinearAlgebra(configuration).BuildServiceProvider();
        var solver = services.GetRequiredService<ILinearSolver>();
        var a = ModelProblems.Poisson2D(8);

        var result = solver.Solve(a, SolverTestMatrices.RandomVector(64, 1), new SolveOptions(), TestContext.Current.CancellationToken);

        Assert.True(result.Converged, result.Reason);
        Assert.Equal("cpu", result.Backend);
    }

    [Fact]
    public void Auto_without_a_GPU_runs_on_the_CPU()
    {
        using var backend = Selector(BackendPreference.Auto).Create(BackendPreference.Auto);

        Assert.Equal("cpu", backend.Name);
    }

    [Fact]
    public void Gpu_without_a_GPU_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Selector(BackendPreference.Gpu).Create(BackendPreference.Auto));

        Assert.Contains("gpu backend was asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_solve_that_names_its_backend_overrides_configuration()
    {
        using var backend = Selector(BackendPreference.Gpu).Create(BackendPreference.Cpu);

        Assert.Equal("cpu", backend.Name);
    }

    private static BackendSelector Selector(BackendPreference configured) =>
        new(Options.Create(new LinearAlgebraOptions { Backend = configured }), []);
}
