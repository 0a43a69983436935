using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>Solves A·x = b (or min ‖A·x − b‖₂ for CGLS/LSQR) on the configured backend.</summary>
public interface ILinearSolver
{
    /// <exception cref="ArgumentException">Shapes disagree, or A or b holds NaN or infinity; the message names which.</exception>
    SolveResult Solve(CsrMatrix<double> a, ReadOnlySpan<double> b, SolveOptions options, CancellationToken cancellationToken = default);
}
