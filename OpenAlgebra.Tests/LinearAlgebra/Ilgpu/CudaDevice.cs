using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// The CUDA device for the GPU checks, found through the provider the application uses; looked for only by a test
/// that runs, so machines without a GPU pay nothing.
/// </summary>
public sealed class CudaDevice : IDisposable
{
    private readonly IlgpuBackendProvider _provider = IlgpuBackendProvider.ForCuda();

    public CudaDevice()
    {
        var selector = new BackendSelector(Options.Create(new LinearAlgebraOptions()), [_provider]);
        Solver = new LinearSolver(selector, new PreconditionerFactory(NullLogger<PreconditionerFactory>.Instance));
    }

    public ILinearSolver Solver { get; }

    /// <summary>Skips the test unless a GPU is declared; fails it if one is declared but ILGPU finds none.</summary>
    public void Require()
    {
        Gpu.Require();
        Assert.True(_provider.IsGpuPresent, $"{Gpu.Variable}=1, but ILGPU found no CUDA device.");
    }

    internal ILinearAlgebraBackend CreateBackend()
    {
        Require();
        Assert.True(_provider.TryCreate(out var backend));
        return backend;
    }

    public void Dispose() => _provider.Dispose();
}
