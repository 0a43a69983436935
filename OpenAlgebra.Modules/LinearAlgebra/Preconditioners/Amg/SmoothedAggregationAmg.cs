using System.Diagnostics.CodeAnalysis;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>Size of one level of the hierarchy.</summary>
internal readonly record struct AmgLevelSize(int Rows, int NonZeros);

/// <summary>
/// Smoothed-aggregation algebraic multigrid (Vaněk, Mandel, Brezina 1996) applied as one V-cycle per call: a symmetric
/// positive definite M⁻¹ for PCG whose iteration count barely grows with the grid, which is what lets graph-Laplacian
/// systems (random walker segmentation) scale. Built for symmetric positive (semi)definite matrices.
/// </summary>
internal sealed class SmoothedAggregationAmg : IPreconditioner
{
    private readonly ILinearAlgebraBackend _backend;
    private readonly List<AmgLevel> _levels;

    private SmoothedAggregationAmg(ILinearAlgebraBackend backend, List<AmgLevel> levels)
    {
        _backend = backend;
        _levels = levels;
        Levels = [.. levels.Select(level => new AmgLevelSize(level.Matrix.Rows, level.Matrix.NonZeros))];
    }

    /// <summary>Finest level first.</summary>
    public IReadOnlyList<AmgLevelSize> Levels { get; }

    /// <summary>Stored entries of all levels over those of A: the memory and per-cycle work relative to one SpMV.</summary>
    public double OperatorComplexity => Levels.Sum(level => (double)level.NonZeros) / Levels[0].NonZeros;

    /// <summary>Builds the hierarchy for <paramref name="a"/> on <paramref name="backend"/>.</summary>
    /// <exception cref="ArgumentException">A is not square or its diagonal is not positive; options out of range.</exception>
    public static SmoothedAggregationAmg Create(ILinearAlgebraBackend backend, CsrMatrix<double> a, AmgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(a);
        options ??= new AmgOptions();
        options.Validate();
        if (!a.IsSquare || a.Rows == 0)
            throw new ArgumentException($"AMG needs a nonempty square matrix, not {a.Rows}×{a.Columns}.", nameof(a));

        var levels = new List<AmgLevel>();
        try
        {
            var matrix = a;
            var nearNullSpace = new double[a.Rows];
            Array.Fill(nearNullSpace, 1.0);
            var theta = options.StrengthThreshold;
            while (true)
            {
                var level = AddLevel(backend, levels, matrix);
                var diagonal = PositiveDiagonal.Of(matrix, levels.Count - 1);
                var coarsest = matrix.Rows <= options.MaxCoarseSize || levels.Count == options.MaxLevels;
                Aggregates? aggregates = null;
                if (!coarsest)
                {
                    aggregates = Aggregation.Build(StrengthOfConnection.Strong(matrix, diagonal, theta));
                    // Every node isolated (a diagonally dominant level) or none merged: nothing left to coarsen.
                    coarsest = aggregates.Count == 0 || aggregates.Count == matrix.Rows;
                }
                if (coarsest && matrix.Rows <= options.MaxCoarseSize)
                {
                    level.CoarseSolver = new DenseCholesky(matrix);
                    level.CoarseBuffer = new double[matrix.Rows];
                    break;
                }
                var spectralRadius = EstimateSpectralRadius(backend, level.DeviceMatrix, diagonal, options.SpectralRadiusSteps);
                level.Smoother = new JacobiSmoother(backend, level.DeviceMatrix, diagonal, spectralRadius, options.Sweeps);
                if (coarsest)
                    break;

                var tentative = TentativeProlongation.Build(aggregates!, nearNullSpace);
                var prolongator = ProlongatorSmoothing.Smooth(matrix, diagonal, tentative, 4 / (3 * spectralRadius));
                var (coarse, restriction) = GalerkinProduct.Of(matrix, prolongator);
                level.Prolongation = backend.Upload(prolongator);
                level.Restriction = backend.Upload(restriction);
                matrix = coarse;
                nearNullSpace = tentative.CoarseNearNullSpace;
                theta /= 2;
            }
            return new SmoothedAggregationAmg(backend, levels);
        }
        catch
        {
            foreach (var level in levels)
                level.Dispose();
            throw;
        }
    }

    public void Apply(IDeviceVector r, IDeviceVector z)
    {
        var rows = _levels[0].Matrix.Rows;
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
    /// Equal smoothing before and after, by self-adjoint smoothers, make the cycle a symmetric operator.
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
        smoother.Smooth(b, x, fromZero: true);
        if (index + 1 < _levels.Count)
        {
            var coarse = _levels[index + 1];
            _backend.Residual(level.DeviceMatrix, x, b, level.Scratch);
            _backend.Multiply(level.Restriction!, level.Scratch, coarse.Rhs!);
            Cycle(index + 1, coarse.Rhs!, coarse.Solution!);
            _backend.Multiply(level.Prolongation!, coarse.Solution!, level.Scratch);
            _backend.Axpy(Coefficient.Of(1), level.Scratch, x);
        }
        smoother.Smooth(b, x, fromZero: false);
    }

    [SuppressMessage("Reliability", "CA2000", Justification = "The level owns what it is given and the caller disposes the levels on failure.")]
    private static AmgLevel AddLevel(ILinearAlgebraBackend backend, List<AmgLevel> levels, CsrMatrix<double> matrix)
    {
        var level = new AmgLevel(matrix, backend.Upload(matrix), backend.Allocate(matrix.Rows));
        levels.Add(level);
        if (levels.Count > 1)
        {
            level.Rhs = backend.Allocate(matrix.Rows);
            level.Solution = backend.Allocate(matrix.Rows);
        }
        return level;
    }

    private static double EstimateSpectralRadius(ILinearAlgebraBackend backend, IDeviceMatrix a, double[] diagonal, int steps)
    {
        var inverseSqrt = new double[diagonal.Length];
        for (var i = 0; i < diagonal.Length; i++)
            inverseSqrt[i] = 1 / Math.Sqrt(diagonal[i]);
        using var device = backend.Allocate(inverseSqrt.Length);
        backend.CopyToDevice(inverseSqrt, device);
        return SpectralRadius.OfJacobi(backend, a, device, steps);
    }
}
