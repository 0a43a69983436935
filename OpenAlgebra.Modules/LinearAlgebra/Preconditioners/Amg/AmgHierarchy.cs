using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// One level of the hierarchy as built on the host. <see cref="JacobiSpectralRadius"/> is absent on a coarsest level
/// solved directly; <see cref="Prolongator"/> and <see cref="Restriction"/> (= Pᵀ) are absent on the coarsest level.
/// </summary>
internal sealed record AmgHostLevel(
    CsrMatrix<double> Matrix,
    double[] Diagonal,
    double? JacobiSpectralRadius,
    CsrMatrix<double>? Prolongator,
    CsrMatrix<double>? Restriction);

/// <summary>
/// The smoothed-aggregation hierarchy A₀ = A, Aₗ₊₁ = Pₗᵀ·Aₗ·Pₗ, built on the host in O(nnz) per level. Coarsening stops
/// at <see cref="AmgOptions.MaxCoarseSize"/> unknowns (that level is solved directly), at the level cap, or when no
/// coupling of a level is strong (nothing to aggregate); those last two leave a coarsest level that is only smoothed.
/// </summary>
internal sealed class AmgHierarchy
{
    private AmgHierarchy(List<AmgHostLevel> levels) => Levels = levels;

    /// <summary>Finest level first.</summary>
    public IReadOnlyList<AmgHostLevel> Levels { get; }

    /// <summary>Stored entries of all levels over those of A: memory and work per cycle relative to one SpMV.</summary>
    public double OperatorComplexity => Levels.Sum(level => (double)level.Matrix.NonZeros) / Levels[0].Matrix.NonZeros;

    /// <summary>Unknowns of all levels over those of A.</summary>
    public double GridComplexity => Levels.Sum(level => (double)level.Matrix.Rows) / Levels[0].Matrix.Rows;

    /// <exception cref="ArgumentException">A is not square or a diagonal entry is not positive.</exception>
    /// <exception cref="OperationCanceledException">Cancelled: checked between the steps of each level and inside the long ones,
    /// so a cancelled solve does not first wait out a setup that takes seconds on a large grid.</exception>
    public static AmgHierarchy Build(CsrMatrix<double> a, AmgOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        options.Validate();
        if (!a.IsSquare || a.Rows == 0)
            throw new ArgumentException($"AMG needs a nonempty square matrix, not {a.Rows}×{a.Columns}.", nameof(a));

        var levels = new List<AmgHostLevel>();
        var matrix = a;
        var nearNullSpace = new double[a.Rows];
        Array.Fill(nearNullSpace, 1.0);
        var theta = options.StrengthThreshold;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var diagonal = PositiveDiagonal.Of(matrix, levels.Count);
            var coarsest = matrix.Rows <= options.MaxCoarseSize || levels.Count + 1 == options.MaxLevels;
            Aggregates? aggregates = null;
            StrengthGraph? strong = null;
            if (!coarsest)
            {
                strong = StrengthOfConnection.Strong(matrix, diagonal, theta);
                var aggressive = options.AggressiveFinestLevel && levels.Count == 0
                    && matrix.NonZeros - matrix.Rows > AmgOptions.AggressiveMeanCouplings * matrix.Rows;
                cancellationToken.ThrowIfCancellationRequested();
                aggregates = Aggregation.Build(strong, aggressive, cancellationToken);
                coarsest = aggregates.Count == 0;
            }
            if (coarsest && matrix.Rows <= options.MaxCoarseSize)
            {
                levels.Add(new AmgHostLevel(matrix, diagonal, null, null, null));
                return new AmgHierarchy(levels);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var spectralRadius = SpectralRadius.OfJacobi(matrix, diagonal, options.SpectralRadiusSteps);
            if (coarsest)
            {
                levels.Add(new AmgHostLevel(matrix, diagonal, spectralRadius, null, null));
                return new AmgHierarchy(levels);
            }
            var tentative = TentativeProlongation.Build(aggregates!, nearNullSpace);
            var filter = options.FilteredProlongatorSmoothing ? new SmoothingFilter(strong!, nearNullSpace) : null;
            cancellationToken.ThrowIfCancellationRequested();
            var prolongator = ProlongatorSmoothing.Smooth(matrix, diagonal, tentative, 4 / (3 * spectralRadius), filter);
            cancellationToken.ThrowIfCancellationRequested();
            var (coarse, restriction) = GalerkinProduct.Of(matrix, prolongator, cancellationToken);
            levels.Add(new AmgHostLevel(matrix, diagonal, spectralRadius, prolongator, restriction));
            matrix = coarse;
            nearNullSpace = tentative.CoarseNearNullSpace;
            theta /= 2;
        }
    }
}
