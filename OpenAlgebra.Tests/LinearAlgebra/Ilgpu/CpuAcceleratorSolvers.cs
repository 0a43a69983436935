using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// The solver as the application composes it, with the GPU slot filled by the ILGPU backend on the CPU accelerator:
/// <see cref="BackendPreference.Gpu"/> solves there, <see cref="BackendPreference.Cpu"/> on the CPU backend.
/// </summary>
public sealed class CpuAcceleratorSolvers : IDisposable
{
    private readonly IlgpuBackendProvider _provider = new(() => IlgpuDevice.CreateCpuAccelerator());

    public CpuAcceleratorSolvers()
    {
        var selector = new BackendSelector(Options.Create(new LinearAlgebraOptions()), [_provider]);
        Solver = new LinearSolver(selector, new PreconditionerFactory(NullLogger<PreconditionerFactory>.Instance));
    }

    public ILinearSolver Solver { get; }

    public void Dispose() => _provider.Dispose();
}
