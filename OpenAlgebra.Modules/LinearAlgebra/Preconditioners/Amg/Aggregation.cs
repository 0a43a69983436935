namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// Which aggregate (coarse unknown) each node of a level belongs to; <see cref="Isolated"/> for a node with no strong
/// coupling, which the smoother resolves on its own and which therefore gets no coarse unknown.
/// </summary>
internal sealed record Aggregates(int[] AggregateOf, int Count)
{
    public const int Isolated = -1;
}

/// <summary>
/// Vaněk, Mandel and Brezina's greedy aggregation in three passes over the strength graph, O(edges) and sequential
/// (each choice depends on the ones before it; it is a small share of the setup). Aggressive aggregation also takes in
/// the free strong neighbours of the root's neighbours, which about doubles the coarsening ratio (11 instead of 6 on a
/// noisy 7-point random-walker Laplacian).
/// </summary>
internal static class Aggregation
{
    private const int Unassigned = -2;

    // Pass 2 records "joined aggregate a" as JoinedBase − a (below every other mark) until the pass ends.
    private const int JoinedBase = -3;

    /// <exception cref="OperationCanceledException">Cancelled; checked every 65,536 nodes of the first pass.</exception>
    public static Aggregates Build(StrengthGraph strong, bool aggressive = false, CancellationToken cancellationToken = default)
    {
        var n = strong.Nodes;
        var aggregateOf = new int[n];
        Array.Fill(aggregateOf, Unassigned);
        var count = 0;

        // 1: a node whose whole strong neighbourhood is still free becomes a root; it and its neighbours (aggressive:
        // and their free neighbours) form an aggregate. Roots are thus at least three strong links apart, which sets the
        // coarsening ratio (about 6 for a 5-point stencil, 8 for a 7-point one; twice that when aggressive).
        for (var node = 0; node < n; node++)
        {
            if ((node & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (aggregateOf[node] != Unassigned)
                continue;
            var neighbours = strong.NeighboursOf(node);
            if (neighbours.IsEmpty)
            {
                aggregateOf[node] = Aggregates.Isolated;
                continue;
            }
            var free = true;
            foreach (var neighbour in neighbours)
            {
                if (aggregateOf[neighbour] != Unassigned)
                {
                    free = false;
                    break;
                }
            }
            if (!free)
                continue;
            aggregateOf[node] = count;
            foreach (var neighbour in neighbours)
                aggregateOf[neighbour] = count;
            if (aggressive)
            {
                foreach (var neighbour in neighbours)
                {
                    foreach (var second in strong.NeighboursOf(neighbour))
                    {
                        if (aggregateOf[second] == Unassigned)
                            aggregateOf[second] = count;
                    }
                }
            }
            count++;
        }

        // 2: a leftover node joins the aggregate of a strong neighbour placed in pass 1. Joins are marked apart so a
        // node joined here is not itself joined onto, which would let aggregates grow long tails.
        for (var node = 0; node < n; node++)
        {
            if (aggregateOf[node] != Unassigned)
                continue;
            foreach (var neighbour in strong.NeighboursOf(node))
            {
                var aggregate = aggregateOf[neighbour];
                if (aggregate >= 0)
                {
                    aggregateOf[node] = JoinedBase - aggregate;
                    break;
                }
            }
        }
        for (var node = 0; node < n; node++)
        {
            if (aggregateOf[node] <= JoinedBase)
                aggregateOf[node] = JoinedBase - aggregateOf[node];
        }

        // 3: nodes still free (every strong neighbour taken in pass 2) form aggregates with their free neighbours.
        for (var node = 0; node < n; node++)
        {
            if (aggregateOf[node] != Unassigned)
                continue;
            aggregateOf[node] = count;
            foreach (var neighbour in strong.NeighboursOf(node))
            {
                if (aggregateOf[neighbour] == Unassigned)
                    aggregateOf[neighbour] = count;
            }
            count++;
        }
        return new Aggregates(aggregateOf, count);
    }
}
