namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// T, with one entry per aggregated row: <c>T[i, AggregateOf[i]] = Values[i]</c> (isolated rows are zero), and the
/// near-null-space vector it carries to the coarse level.
/// </summary>
internal sealed record TentativeProlongator(Aggregates Aggregates, double[] Values, double[] CoarseNearNullSpace);

/// <summary>
/// Restricts the near-null space B (the constant vector on the finest level: what a Laplacian barely changes) to each
/// aggregate and normalises it, so T's columns are orthonormal and B = T·Bᶜ exactly, with Bᶜ[a] = ‖B on aggregate a‖.
/// Carrying Bᶜ down keeps the coarse levels exact on the fine constant even where aggregates differ in size. B starts
/// at 1 and every Bᶜ entry is a norm of a nonempty aggregate, so B stays positive and no norm is zero.
/// </summary>
internal static class TentativeProlongation
{
    public static TentativeProlongator Build(Aggregates aggregates, double[] nearNullSpace)
    {
        var aggregateOf = aggregates.AggregateOf;
        var squaredNorms = new double[aggregates.Count];
        for (var node = 0; node < aggregateOf.Length; node++)
        {
            var aggregate = aggregateOf[node];
            if (aggregate != Aggregates.Isolated)
                squaredNorms[aggregate] += nearNullSpace[node] * nearNullSpace[node];
        }
        var coarse = new double[aggregates.Count];
        for (var aggregate = 0; aggregate < coarse.Length; aggregate++)
            coarse[aggregate] = Math.Sqrt(squaredNorms[aggregate]);
        var values = new double[aggregateOf.Length];
        for (var node = 0; node < aggregateOf.Length; node++)
        {
            var aggregate = aggregateOf[node];
            if (aggregate != Aggregates.Isolated)
                values[node] = nearNullSpace[node] / coarse[aggregate];
        }
        return new TentativeProlongator(aggregates, values, coarse);
    }
}
