using OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>The tentative prolongator T and its smoothed form P = (I − ω·D⁻¹A)·T, checked against dense arithmetic.</summary>
public sealed class ProlongatorTests
{
    [Fact]
    public void Tentative_columns_are_orthonormal_and_carry_the_near_null_space()
    {
        var a = ModelProblems.Poisson2D(20);
        var aggregates = Aggregation.Build(StrengthOfConnection.Strong(a, PositiveDiagonal.Of(a, 0), 0.08), cancellationToken: TestContext.Current.CancellationToken);
        var nearNullSpace = Enumerable.Range(0, a.Rows).Select(i => 1.0 + i % 3).ToArray();

        var tentative = TentativeProlongation.Build(aggregates, nearNullSpace);

        var columnNorms = new double[aggregates.Count];
        for (var node = 0; node < a.Rows; node++)
        {
            var aggregate = aggregates.AggregateOf[node];
            columnNorms[aggregate] += tentative.Values[node] * tentative.Values[node];
            Assert.Equal(nearNullSpace[node], tentative.Values[node] * tentative.CoarseNearNullSpace[aggregate], 12);
        }
        Assert.All(columnNorms, norm => Assert.Equal(1, norm, 12));
    }

    [Fact]
    public void Smoothed_prolongator_equals_the_dense_product_including_an_isolated_node()
    {
        // Poisson on 6×6 plus node 36, coupled to node 0 too weakly to be aggregated: its row of T is zero, yet P
        // gives it an interpolation weight through A.
        var poisson = SparseSamples.Dense(ModelProblems.Poisson2D(6));
        var dense = new double[37, 37];
        for (var i = 0; i < 36; i++)
            for (var j = 0; j < 36; j++)
                dense[i, j] = poisson[i, j];
        dense[36, 36] = 2;
        dense[0, 36] = dense[36, 0] = -0.01;
        var a = DenseOf.Sparse(dense);
        var diagonal = PositiveDiagonal.Of(a, 0);
        var aggregates = Aggregation.Build(StrengthOfConnection.Strong(a, diagonal, 0.08), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Aggregates.Isolated, aggregates.AggregateOf[36]);
        var tentative = TentativeProlongation.Build(aggregates, Enumerable.Repeat(1.0, 37).ToArray());
        const double omega = 0.7;

        var p = SparseSamples.Dense(ProlongatorSmoothing.Smooth(a, diagonal, tentative, omega));

        for (var i = 0; i < 37; i++)
        {
            for (var c = 0; c < aggregates.Count; c++)
            {
                var expected = aggregates.AggregateOf[i] == c ? tentative.Values[i] : 0;
                for (var k = 0; k < 37; k++)
                {
                    if (aggregates.AggregateOf[k] == c)
                        expected -= omega / diagonal[i] * dense[i, k] * tentative.Values[k];
                }
                Assert.Equal(expected, p[i, c], 14);
            }
        }
        Assert.NotEqual(0, Enumerable.Range(0, aggregates.Count).Sum(c => Math.Abs(p[36, c])));
    }

    [Fact]
    public void Smoothing_keeps_the_constant_where_the_operator_annihilates_it()
    {
        // Interior rows of a Laplacian sum to zero, so a Jacobi step leaves the constant (= T·Bᶜ) alone there.
        const int n = 30;
        var a = ModelProblems.Poisson2D(n);
        var diagonal = PositiveDiagonal.Of(a, 0);
        var aggregates = Aggregation.Build(StrengthOfConnection.Strong(a, diagonal, 0.08), cancellationToken: TestContext.Current.CancellationToken);
        var tentative = TentativeProlongation.Build(aggregates, Enumerable.Repeat(1.0, a.Rows).ToArray());

        var p = ProlongatorSmoothing.Smooth(a, diagonal, tentative, 2.0 / 3);

        for (var row = 0; row < a.Rows; row++)
        {
            int x = row % n, y = row / n;
            if (x == 0 || y == 0 || x == n - 1 || y == n - 1)
                continue;
            var interpolated = 0.0;
            for (var k = p.RowPointers[row]; k < p.RowPointers[row + 1]; k++)
                interpolated += p.Values[k] * tentative.CoarseNearNullSpace[p.ColumnIndices[k]];
            Assert.Equal(1, interpolated, 12);
        }
    }

    [Fact]
    public void Filtered_smoothing_follows_strong_couplings_only_and_still_keeps_the_constant()
    {
        // Couplings across the grid lines are 1000 times weaker: filtering drops them, and lumping them into the
        // diagonal keeps each interior row summing to zero, so P still interpolates the constant exactly there.
        const int n = 30;
        var a = GridLaplacian.Anisotropic(n, cx: 1, cy: 1e-3);
        var diagonal = PositiveDiagonal.Of(a, 0);
        var strong = StrengthOfConnection.Strong(a, diagonal, 0.08);
        var aggregates = Aggregation.Build(strong, cancellationToken: TestContext.Current.CancellationToken);
        var ones = Enumerable.Repeat(1.0, a.Rows).ToArray();
        var tentative = TentativeProlongation.Build(aggregates, ones);

        var filtered = ProlongatorSmoothing.Smooth(a, diagonal, tentative, 2.0 / 3, new SmoothingFilter(strong, ones));
        var unfiltered = ProlongatorSmoothing.Smooth(a, diagonal, tentative, 2.0 / 3);

        Assert.True(filtered.NonZeros < unfiltered.NonZeros, $"{filtered.NonZeros} filtered entries, {unfiltered.NonZeros} unfiltered");
        var lineOf = new int[aggregates.Count];
        for (var node = 0; node < a.Rows; node++)
            lineOf[aggregates.AggregateOf[node]] = node / n;
        var interpolated = new double[a.Rows];
        filtered.Multiply(tentative.CoarseNearNullSpace, interpolated);
        for (var row = 0; row < a.Rows; row++)
        {
            for (var k = filtered.RowPointers[row]; k < filtered.RowPointers[row + 1]; k++)
                Assert.Equal(row / n, lineOf[filtered.ColumnIndices[k]]);
            int x = row % n, y = row / n;
            if (x > 0 && x < n - 1 && y > 0 && y < n - 1)
                Assert.Equal(1, interpolated[row], 12);
        }
    }
}
