using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// Smoothed-aggregation algebraic multigrid (Vaněk, Mandel, Brezina 1996) applied as one V-cycle per call: a symmetric
/// positive definite M⁻¹ for PCG whose iteration count barely grows with the grid, which is what lets graph-Laplacian
/// systems (random walker segmentation) scale. Built for symmetric positive (semi)definite matrices.
/// </summary>
internal sealed class SmoothedAggregationAmg : IPreconditioner
{
    private readonly ILinearAlgebraBackend _backend;
    private readonly AmgLevel[] _levels;

    private SmoothedAggregationAmg(ILinearAlgebraBackend backend, AmgHierarchy hierarchy, AmgLevel[] levels)
    {
        _backend = backend;
        Hierarchy = hierarchy;
        _levels = levels;
    }

    /// <summary>The host-side hierarchy: level sizes, complexities, the operators themselves.</summary>
    public AmgHierarchy Hierarchy { get; }

    /// <summary>Builds the hierarchy for <paramref name="a"/> on the host and moves it to <paramref name="backend"/>.</summary>
    /// <exception cref="ArgumentException">A is not square or a diagonal entry is not positive; options out of range.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while the hierarchy was built.</exception>
    public static SmoothedAggregationAmg Create(ILinearAlgebraBackend backend, CsrMatrix<double> a, AmgOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        options ??= new AmgOptions();
        var hierarchy = AmgHierarchy.Build(a, options, cancellationToken);
        var smoother = ResolveSmoother(options.Smoother, backend);
        var levels = new AmgLevel[hierarchy.Levels.Count];
        try
        {
            for (var index = 0; index < levels.Length; index++)
                levels[index] = new AmgLevel(backend, hierarchy.Levels[index], finest: index == 0, smoother, options.Sweeps);
        }
        catch
        {
            foreach (var level in levels)
                level?.Dispose();
            throw;
        }
        return new SmoothedAggregationAmg(backend, hierarchy, levels);
    }

    public void Apply(IDeviceVector r, IDeviceVector z)
    {
        var rows = Hierarchy.Levels[0].Matrix.Rows;
        if (r.Length != rows || z.Length != rows)
            throw new ArgumentException($"AMG for {rows} unknowns was given vectors of {r.Length} and {z.Length}.");
        Cycle(0, r, z);
    }

    public void Dispose()
    {
        foreach (var level in _levels)
            level.Dispose();
    }

    /// <summary>
    /// x = V-cycle(b) from x = 0: smooth, restrict the residual, recurse, add the prolongated correction, smooth again.
    /// Post-smoothing being the adjoint of pre-smoothing makes the cycle a symmetric operator.
    /// </summary>
    private void Cycle(int index, IDeviceVector b, IDeviceVector x)
    {
        var level = _levels[index];
        if (level.CoarseSolver is { } solver)
        {
            var buffer = level.CoarseBuffer!;
            _backend.CopyToHost(b, buffer);
            solver.Solve(buffer);
            _backend.CopyToDevice(buffer, x);
            return;
        }
        var smoother = level.Smoother!;
        smoother.PreSmooth(b, x);
        if (level.Prolongation is { } prolongation)
        {
            var coarse = _levels[index + 1];
            _backend.Residual(level.Matrix!, x, b, level.Scratch!);
            _backend.Multiply(level.Restriction!, level.Scratch!, coarse.Rhs!);
            Cycle(index + 1, coarse.Rhs!, coarse.Solution!);
            _backend.Multiply(prolongation, coarse.Solution!, level.Scratch!);
            _backend.Axpy(Coefficient.Of(1), level.Scratch!, x);
        }
        smoother.PostSmooth(b, x);
    }

    /// <summary>Gauss–Seidel works on host arrays, so it needs the CPU backend; Jacobi runs anywhere.</summary>
    private static AmgSmoother ResolveSmoother(AmgSmoother requested, ILinearAlgebraBackend backend) => requested switch
    {
        AmgSmoother.Auto => backend is CpuBackend ? AmgSmoother.SymmetricGaussSeidel : AmgSmoother.Jacobi,
        AmgSmoother.SymmetricGaussSeidel when backend is not CpuBackend =>
            throw new ArgumentException($"Gauss–Seidel AMG smoothing runs on the CPU backend only, not on '{backend.Name}'; use Jacobi."),
        _ => requested,
    };
}
