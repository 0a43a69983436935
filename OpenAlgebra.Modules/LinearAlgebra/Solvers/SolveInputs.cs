using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>What a solve refuses before it starts: bad options, solver × preconditioner pairs that make no sense, shapes
/// that disagree, and NaN or infinity anywhere in A, b or the initial guess.</summary>
internal static class SolveInputs
{
    /// <exception cref="ArgumentException">The message names the option, operand, row or entry at fault.</exception>
    public static void Validate(CsrMatrix<double> a, ReadOnlySpan<double> b, SolveOptions options)
    {
        ValidateOptions(options);
        ValidatePairing(options);
        var leastSquares = options.Solver is SolverKind.Cgls or SolverKind.Lsqr;
        if (!leastSquares && !a.IsSquare)
            throw new ArgumentException($"{Name(options.Solver)} needs a square matrix, but A is {a.Rows}×{a.Columns}; CGLS and LSQR solve rectangular systems in the least-squares sense.", nameof(a));
        if (b.Length != a.Rows)
            throw new ArgumentException($"b has {b.Length} entries but A has {a.Rows} rows.", nameof(b));
        if (options.InitialGuess is { } guess && guess.Length != a.Columns)
            throw new ArgumentException($"The initial guess has {guess.Length} entries but A has {a.Columns} columns.", nameof(options));

        var values = a.Values;
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                var row = Array.BinarySearch(a.RowPointers, k);
                row = row >= 0 ? LastRowStartingAt(a.RowPointers, row) : ~row - 1;
                throw new ArgumentException($"A holds {Describe(values[k])} at row {row}, column {a.ColumnIndices[k]}.", nameof(a));
            }
        }
        NoNonFinite(b, "b", nameof(b));
        if (options.InitialGuess is { } initial)
            NoNonFinite(initial, "The initial guess", nameof(options));
    }

    public static string Name(SolverKind solver) => solver switch
    {
        SolverKind.Cg => "CG",
        SolverKind.BiCgStab => "BiCGSTAB",
        SolverKind.Gmres => "GMRES",
        SolverKind.Minres => "MINRES",
        SolverKind.Cgls => "CGLS",
        SolverKind.Lsqr => "LSQR",
        _ => solver.ToString(),
    };

    private static void ValidateOptions(SolveOptions options)
    {
        if (!Enum.IsDefined(options.Solver))
            throw new ArgumentException($"Unknown solver {options.Solver}.", nameof(options));
        if (!Enum.IsDefined(options.Preconditioner))
            throw new ArgumentException($"Unknown preconditioner {options.Preconditioner}.", nameof(options));
        if (!Enum.IsDefined(options.Backend))
            throw new ArgumentException($"Unknown backend {options.Backend}.", nameof(options));
        if (!(options.Tolerance > 0 && options.Tolerance < 1))
            throw new ArgumentException($"The tolerance must lie strictly between 0 and 1, not {options.Tolerance}.", nameof(options));
        if (options.MaxIterations < 1)
            throw new ArgumentException($"The iteration limit must be at least 1, not {options.MaxIterations}.", nameof(options));
        if (options.Restart < 1)
            throw new ArgumentException($"GMRES's restart length must be at least 1, not {options.Restart}.", nameof(options));
        if (!(options.SsorRelaxation > 0 && options.SsorRelaxation < 2))
            throw new ArgumentException($"SSOR's relaxation factor ω must lie strictly between 0 and 2, not {options.SsorRelaxation}.", nameof(options));
    }

    private static void ValidatePairing(SolveOptions options)
    {
        var (solver, preconditioner) = (options.Solver, options.Preconditioner);
        switch (solver)
        {
            // Both rely on M being symmetric positive definite: CG for its inner product, MINRES for its norm.
            case SolverKind.Cg or SolverKind.Minres when preconditioner == PreconditionerKind.Ilu0:
                throw new ArgumentException(
                    $"{Name(solver)} needs a symmetric positive definite preconditioner, and ILU(0) is not symmetric; use ic0, ssor, jacobi or amg with {Name(solver)}, or ilu0 with BiCGSTAB or GMRES.",
                    nameof(options));
            // Their preconditioner would act on AᵀA (or as a column scaling), not on A as these do.
            case SolverKind.Cgls or SolverKind.Lsqr when preconditioner != PreconditionerKind.None:
                throw new ArgumentException(
                    $"{Name(solver)} takes no preconditioner: the ones offered here precondition A·x = b, not the least-squares problem.",
                    nameof(options));
        }
    }

    private static int LastRowStartingAt(int[] rowPointers, int index)
    {
        // Empty rows share a row pointer; the entry belongs to the last row that starts at it.
        while (index + 1 < rowPointers.Length - 1 && rowPointers[index + 1] == rowPointers[index])
            index++;
        return index;
    }

    private static void NoNonFinite(ReadOnlySpan<double> values, string what, string parameter)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{what} holds {Describe(values[i])} at index {i}.", parameter);
        }
    }

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "−infinity";
}
