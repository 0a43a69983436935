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
