namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>How a level of the AMG hierarchy relaxes its error before and after the coarse correction.</summary>
internal enum AmgSmoother
{
    /// <summary>Symmetric Gauss–Seidel on the CPU backend, weighted Jacobi on any other.</summary>
    Auto,

    /// <summary>Weighted Jacobi, ω = 4 / (3·ρ(D⁻¹A)): backend vector operations only, so it runs on a GPU too.</summary>
    Jacobi,

    /// <summary>Gauss–Seidel on the host (CPU backend only): forward sweeps before the coarse correction, backward after.</summary>
    SymmetricGaussSeidel,
}

/// <summary>Knobs of the smoothed-aggregation hierarchy; the defaults suit graph Laplacians and diffusion problems.</summary>
internal sealed record AmgOptions
{
    /// <summary>
    /// θ on the finest level in |aᵢⱼ| ≥ θ·√(aᵢᵢ·aⱼⱼ); halved on each coarser level, as Vaněk, Mandel and Brezina do,
    /// because Galerkin operators spread their couplings over more, weaker entries.
    /// </summary>
    public double StrengthThreshold { get; init; } = 0.08;

    /// <summary>Coarsening stops once a level has at most this many unknowns; that level is solved by dense Cholesky.</summary>
    public int MaxCoarseSize { get; init; } = 500;

    public int MaxLevels { get; init; } = 25;

    /// <summary>
    /// Aggregates on the finest level also take in their neighbours' free strong neighbours (see <see cref="Aggregation"/>)
    /// when its rows average more than <see cref="AggressiveMeanCouplings"/> off-diagonal entries, as 3D stencils do.
    /// There a plain aggregate (a node and its neighbours: 7 of the 27 nodes around it on a 7-point grid) is thin, the
    /// coarse operator comes out about as large as A, and that level's Galerkin product is most of the setup. Measured
    /// V-cycle factors on 3D Poisson 24³/48³/96³: 0.24/0.30/0.29 plain, 0.26/0.32/0.31 aggressive, with the operator
    /// complexity 1.6 → 1.2; the 128³ random-walker system kept its 8 PCG iterations while the setup fell by a third.
    /// On a 2D 5-point stencil the plain aggregates are compact already and the larger ones let the factor grow with
    /// the grid (0.27 on 64², 0.48 on 256²), so those stay plain.
    /// </summary>
    public bool AggressiveFinestLevel { get; init; } = true;

    /// <summary>Off-diagonal entries per row above which the finest level is aggregated aggressively (a 2D 5-point stencil has 4, a 3D 7-point one 6).</summary>
    internal const double AggressiveMeanCouplings = 5;

    /// <summary>
    /// Smooths the prolongator with the filtered operator (weak couplings dropped and lumped into the diagonal, as Vaněk,
    /// Mandel and Brezina do), so P's rows reach only along strong couplings: sparser P, sparser Galerkin operators.
    /// </summary>
    public bool FilteredProlongatorSmoothing { get; init; } = true;

    public AmgSmoother Smoother { get; init; } = AmgSmoother.Auto;

    /// <summary>Smoothing sweeps before and, as many again, after the coarse correction (equal counts keep M⁻¹ symmetric).</summary>
    public int Sweeps { get; init; } = 1;

    /// <summary>Lanczos steps estimating ρ(D⁻¹A) on each level.</summary>
    public int SpectralRadiusSteps { get; init; } = 10;

    /// <summary>The dense coarse solve costs (size³)/3 flops and size² doubles, so the coarse size is capped.</summary>
    internal const int LargestDenseCoarseSize = 5000;

    internal void Validate()
    {
        if (!(StrengthThreshold >= 0 && StrengthThreshold < 1))
            throw new ArgumentException($"AMG strength threshold must lie in [0, 1), not {StrengthThreshold}.");
        if (MaxCoarseSize < 1 || MaxCoarseSize > LargestDenseCoarseSize)
            throw new ArgumentException($"AMG coarse size must lie in 1..{LargestDenseCoarseSize}, not {MaxCoarseSize}.");
        if (MaxLevels < 1)
            throw new ArgumentException($"AMG needs at least one level, not {MaxLevels}.");
        if (Sweeps < 1)
            throw new ArgumentException($"AMG needs at least one smoothing sweep, not {Sweeps}.");
        if (SpectralRadiusSteps < 2)
            throw new ArgumentException($"AMG needs at least two Lanczos steps, not {SpectralRadiusSteps}.");
        if (!Enum.IsDefined(Smoother))
            throw new ArgumentException($"Unknown AMG smoother {Smoother}.");
    }
}
