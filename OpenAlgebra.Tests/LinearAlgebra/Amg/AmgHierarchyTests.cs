using OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>The shape of the hierarchy on model problems: coarsening ratios, complexities, symmetric Galerkin operators.</summary>
public sealed class AmgHierarchyTests(ITestOutputHelper output)
{
    [Fact]
    public void Poisson_2D_coarsens_about_sixfold_per_level_down_to_a_direct_solve()
    {
        var hierarchy = AmgHierarchy.Build(ModelProblems.Poisson2D(256), new AmgOptions(), cancellationToken: TestContext.Current.CancellationToken);

        Report(hierarchy);
        AssertCoarsensEachLevel(hierarchy, minimumRatio: 4);
        Assert.InRange(hierarchy.OperatorComplexity, 1, 1.6);
        Assert.InRange(hierarchy.GridComplexity, 1, 1.3);
        var coarsest = hierarchy.Levels[^1];
        Assert.InRange(coarsest.Matrix.Rows, 1, 500);
        Assert.Null(coarsest.JacobiSpectralRadius);
    }

    [Fact]
    public void Poisson_3D_coarsens_about_eightfold_per_level_with_bounded_complexity()
    {
        var hierarchy = AmgHierarchy.Build(ModelProblems.Poisson3D(32), new AmgOptions(), cancellationToken: TestContext.Current.CancellationToken);

        Report(hierarchy);
        AssertCoarsensEachLevel(hierarchy, minimumRatio: 6);
        Assert.InRange(hierarchy.OperatorComplexity, 1, 2);
        Assert.InRange(hierarchy.GridComplexity, 1, 1.2);
        Assert.InRange(hierarchy.Levels[^1].Matrix.Rows, 1, 500);
    }

    [Fact]
    public void Only_a_3D_stencil_gets_aggressive_aggregation_on_its_finest_level()
    {
        static int FirstCoarseSize(CsrMatrix<double> a, bool aggressive) =>
            AmgHierarchy.Build(a, new AmgOptions { AggressiveFinestLevel = aggressive }).Levels[1].Matrix.Rows;
        var poisson3D = ModelProblems.Poisson3D(24);
        var poisson2D = ModelProblems.Poisson2D(100);

        Assert.True(FirstCoarseSize(poisson3D, false) >= 1.6 * FirstCoarseSize(poisson3D, true));
        Assert.Equal(FirstCoarseSize(poisson2D, false), FirstCoarseSize(poisson2D, true));
    }

    [Fact]
    public void Galerkin_operators_are_symmetric_with_positive_diagonals()
    {
        var hierarchy = AmgHierarchy.Build(GridLaplacian.RandomWalker(96, beta: 50, seed: 2).Matrix, new AmgOptions(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(hierarchy.Levels.Count >= 3);
        Assert.All(hierarchy.Levels, level =>
        {
            Assert.True(level.Matrix.IsSymmetric(1e-13));
            Assert.All(level.Diagonal, value => Assert.True(value > 0));
        });
    }

    [Fact]
    public void Jacobi_spectral_radius_matches_the_closed_form_for_the_5_point_Laplacian()
    {
        // D⁻¹A = I − (shift by one in x and y)/4 has eigenvalues 1 − (cos(iπh) + cos(jπh))/2, h = 1/(n + 1).
        const int n = 64;
        var a = ModelProblems.Poisson2D(n);

        var estimate = SpectralRadius.OfJacobi(a, a.Diagonal(), new AmgOptions().SpectralRadiusSteps);

        var exact = 1 + Math.Cos(Math.PI / (n + 1));
        output.WriteLine($"ρ estimate {estimate:R}, exact {exact:R}");
        Assert.InRange(estimate, exact * 0.98, exact * (1 + 1e-12));
    }

    [Fact]
    public void Coarsening_stops_at_the_level_cap_leaving_a_smoothed_coarsest_level()
    {
        var hierarchy = AmgHierarchy.Build(ModelProblems.Poisson2D(100), new AmgOptions { MaxLevels = 2 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, hierarchy.Levels.Count);
        var coarsest = hierarchy.Levels[^1];
        Assert.True(coarsest.Matrix.Rows > 500);
        Assert.NotNull(coarsest.JacobiSpectralRadius);
        Assert.Null(coarsest.Prolongator);
    }

    [Fact]
    public void A_matrix_without_strong_couplings_is_one_smoothed_level()
    {
        // Poisson shifted by 100·I: |−1| < 0.08·104, so every coupling is weak and Jacobi alone converges fast.
        var a = Shifted(ModelProblems.Poisson2D(60), 100);

        var hierarchy = AmgHierarchy.Build(a, new AmgOptions(), cancellationToken: TestContext.Current.CancellationToken);

        var only = Assert.Single(hierarchy.Levels);
        Assert.NotNull(only.JacobiSpectralRadius);
        Assert.Null(only.Prolongator);
    }

    [Fact]
    public void Bad_input_is_rejected_with_what_was_wrong()
    {
        var rectangular = new CsrMatrix<double>(2, 3, [0, 1, 2], [0, 1], [1.0, 1.0]);
        Assert.Contains("square", Assert.Throws<ArgumentException>(() => AmgHierarchy.Build(rectangular, new AmgOptions(), cancellationToken: TestContext.Current.CancellationToken)).Message, StringComparison.Ordinal);
        var options = new AmgOptions { MaxCoarseSize = 0 };
        Assert.Contains("coarse size", Assert.Throws<ArgumentException>(() => AmgHierarchy.Build(ModelProblems.Poisson2D(4), options, cancellationToken: TestContext.Current.CancellationToken)).Message, StringComparison.Ordinal);
    }

    internal static CsrMatrix<double> Shifted(CsrMatrix<double> a, double shift)
    {
        var values = (double[])a.Values.Clone();
        for (var row = 0; row < a.Rows; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                if (a.ColumnIndices[k] == row)
                    values[k] += shift;
            }
        }
        return new CsrMatrix<double>(a.Rows, a.Columns, a.RowPointers, a.ColumnIndices, values);
    }

    private static void AssertCoarsensEachLevel(AmgHierarchy hierarchy, double minimumRatio)
    {
        for (var level = 1; level < hierarchy.Levels.Count; level++)
        {
            var ratio = (double)hierarchy.Levels[level - 1].Matrix.Rows / hierarchy.Levels[level].Matrix.Rows;
            Assert.True(ratio >= minimumRatio, $"level {level} coarsened only {ratio:F2}×");
        }
    }

    private void Report(AmgHierarchy hierarchy)
    {
        foreach (var level in hierarchy.Levels)
            output.WriteLine($"{level.Matrix.Rows,9} rows {level.Matrix.NonZeros,10} nnz ρ(D⁻¹A) {level.JacobiSpectralRadius:F4}");
        output.WriteLine($"operator complexity {hierarchy.OperatorComplexity:F3}, grid complexity {hierarchy.GridComplexity:F3}");
    }
}
