using OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>Strength of connection and greedy aggregation: aggregates are connected, sized like the textbook, and follow strong couplings only.</summary>
public sealed class AggregationTests
{
    private static Aggregates Aggregate(CsrMatrix<double> a, double theta = 0.08) =>
        Aggregation.Build(StrengthOfConnection.Strong(a, PositiveDiagonal.Of(a, 0), theta));

    [Fact]
    public void Strength_compares_each_coupling_with_the_geometric_mean_of_the_diagonals()
    {
        // |−1| ≥ 0.08·√(4·4) is strong; |0.1| < 0.08·√(4·1) is weak whatever its sign; |0.2| ≥ 0.08·√(4·1) is strong.
        var a = DenseOf.Sparse(new double[,] { { 4, -1, 0.1, 0 }, { -1, 4, 0, 0.2 }, { 0.1, 0, 1, 0 }, { 0, 0.2, 0, 1 } });

        var strong = StrengthOfConnection.Strong(a, PositiveDiagonal.Of(a, 0), 0.08);

        Assert.Equal([1], strong.NeighboursOf(0).ToArray());
        Assert.Equal([0, 3], strong.NeighboursOf(1).ToArray());
        Assert.True(strong.NeighboursOf(2).IsEmpty);
        Assert.Equal([1], strong.NeighboursOf(3).ToArray());
    }

    [Fact]
    public void Poisson_nodes_fall_into_connected_plus_shaped_aggregates_and_a_few_joiners()
    {
        var a = ModelProblems.Poisson2D(60);

        var aggregates = Aggregate(a);

        Assert.DoesNotContain(Aggregates.Isolated, aggregates.AggregateOf);
        Assert.InRange((double)a.Rows / aggregates.Count, 5, 9);
        var strong = StrengthOfConnection.Strong(a, PositiveDiagonal.Of(a, 0), 0.08);
        AssertEachAggregateIsConnected(strong, aggregates);
    }

    [Fact]
    public void Aggressive_aggregates_are_connected_and_coarsen_a_3D_grid_about_twice_as_much()
    {
        var a = ModelProblems.Poisson3D(24);
        var strong = StrengthOfConnection.Strong(a, PositiveDiagonal.Of(a, 0), 0.08);

        var plain = Aggregation.Build(strong, cancellationToken: TestContext.Current.CancellationToken);
        var aggressive = Aggregation.Build(strong, aggressive: true, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(Aggregates.Isolated, aggressive.AggregateOf);
        Assert.True(plain.Count >= 1.6 * aggressive.Count, $"{plain.Count} plain aggregates, {aggressive.Count} aggressive ones");
        AssertEachAggregateIsConnected(strong, aggressive);
    }

    [Fact]
    public void Anisotropic_aggregates_stay_within_the_strongly_coupled_grid_line()
    {
        const int n = 40;
        var a = GridLaplacian.Anisotropic(n, cx: 1, cy: 1e-3);

        var aggregates = Aggregate(a);

        var lineOf = new Dictionary<int, int>();
        for (var node = 0; node < a.Rows; node++)
        {
            var line = node / n;
            if (!lineOf.TryAdd(aggregates.AggregateOf[node], line))
                Assert.Equal(lineOf[aggregates.AggregateOf[node]], line);
        }
        Assert.Equal(aggregates.Count, lineOf.Count);
    }

    [Fact]
    public void Random_walker_aggregates_do_not_straddle_the_image_edge()
    {
        var system = GridLaplacian.RandomWalker(48, beta: 200, seed: 5);

        var aggregates = Aggregate(system.Matrix);

        var insideOf = new Dictionary<int, bool>();
        for (var node = 0; node < system.Matrix.Rows; node++)
        {
            var aggregate = aggregates.AggregateOf[node];
            if (aggregate == Aggregates.Isolated)
                continue;
            var inside = system.InsideDisc[node];
            if (!insideOf.TryAdd(aggregate, inside))
                Assert.Equal(insideOf[aggregate], inside);
        }
        Assert.Contains(true, insideOf.Values);
        Assert.Contains(false, insideOf.Values);
    }

    [Fact]
    public void A_diagonal_matrix_has_nothing_to_aggregate()
    {
        var a = DenseOf.Sparse(new double[,] { { 2, 0, 0 }, { 0, 3, 0 }, { 0, 0, 4 } });

        var aggregates = Aggregate(a);

        Assert.Equal(0, aggregates.Count);
        Assert.All(aggregates.AggregateOf, aggregate => Assert.Equal(Aggregates.Isolated, aggregate));
    }

    [Fact]
    public void A_nonpositive_diagonal_is_rejected_naming_the_row()
    {
        var a = DenseOf.Sparse(new double[,] { { 2, -1, 0 }, { -1, 0, -1 }, { 0, -1, 2 } });

        var error = Assert.Throws<ArgumentException>(() => PositiveDiagonal.Of(a, 0));

        Assert.Contains("row 1 has diagonal 0", error.Message, StringComparison.Ordinal);
    }

    private static void AssertEachAggregateIsConnected(StrengthGraph strong, Aggregates aggregates)
    {
        var members = new List<int>[aggregates.Count];
        for (var node = 0; node < strong.Nodes; node++)
            (members[aggregates.AggregateOf[node]] ??= []).Add(node);
        for (var aggregate = 0; aggregate < aggregates.Count; aggregate++)
        {
            Assert.NotNull(members[aggregate]);
            var reached = new HashSet<int> { members[aggregate][0] };
            var queue = new Queue<int>(reached);
            while (queue.TryDequeue(out var node))
            {
                foreach (var neighbour in strong.NeighboursOf(node))
                {
                    if (aggregates.AggregateOf[neighbour] == aggregate && reached.Add(neighbour))
                        queue.Enqueue(neighbour);
                }
            }
            Assert.Equal(members[aggregate].Count, reached.Count);
        }
    }
}
