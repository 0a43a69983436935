using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

/// <summary>The solver as the module builds it, on the CPU backend.</summary>
internal static class Solving
{
    public static LinearSolver Solver { get; } = new(
        new BackendSelector(Options.Create(new LinearAlgebraOptions { Backend = BackendPreference.Cpu }), []),
        new PreconditionerFactory(NullLogger<PreconditionerFactory>.Instance));

    public static SolveResult Solve(CsrMatrix<double> a, double[] b, SolveOptions options) =>
        Solver.Solve(a, b, options, TestContext.Current.CancellationToken);
}
