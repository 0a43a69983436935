namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

public enum SolverKind { Cg, BiCgStab, Gmres, Minres, Cgls, Lsqr }

public enum PreconditionerKind { None, Jacobi, Ilu0, Ic0, Ssor, Amg }

public enum BackendPreference { Auto, Cpu, Gpu }

/// <summary>Progress reported during a solve, at most a few times a second.</summary>
public readonly record struct SolveProgress(int Iteration, double RelativeResidual);

public sealed record SolveOptions
{
    public SolverKind Solver { get; init; } = SolverKind.Cg;
    public PreconditionerKind Preconditioner { get; init; } = PreconditionerKind.None;

    /// <summary>Stop when ‖b − A·x‖₂ / ‖b‖₂ falls to this (for CGLS/LSQR: ‖Aᵀr‖₂ / ‖Aᵀb‖₂).</summary>
    public double Tolerance { get; init; } = 1e-8;

    public int MaxIterations { get; init; } = 10_000;

    /// <summary>GMRES(m)'s restart length.</summary>
    public int Restart { get; init; } = 30;

    /// <summary>SSOR's relaxation factor ω, in (0, 2); 1 is symmetric Gauss–Seidel.</summary>
    public double SsorRelaxation { get; init; } = 1.0;

    public BackendPreference Backend { get; init; } = BackendPreference.Auto;

    /// <summary>Initial guess; zeros when absent.</summary>
    public double[]? InitialGuess { get; init; }

    public IProgress<SolveProgress>? Progress { get; init; }
}
