using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>The strong couplings of a level: row i's neighbours are <c>Neighbours[RowPointers[i]..RowPointers[i + 1]]</c>.</summary>
internal sealed record StrengthGraph(int[] RowPointers, int[] Neighbours)
{
    public int Nodes => RowPointers.Length - 1;

    public ReadOnlySpan<int> NeighboursOf(int node) => Neighbours.AsSpan(RowPointers[node]..RowPointers[node + 1]);
}

/// <summary>
/// Vaněk, Mandel and Brezina's symmetric strength measure: j is strongly coupled to i when |aᵢⱼ| ≥ θ·√(aᵢᵢ·aⱼⱼ).
/// Aggregates grow only along strong couplings, so they follow the direction of an anisotropy and stop at a jump in
/// coefficients (a strong image edge in a random-walker Laplacian) instead of averaging across it.
/// </summary>
internal static class StrengthOfConnection
{
    public static StrengthGraph Strong(CsrMatrix<double> a, double[] diagonal, double theta)
    {
        var rowPointers = a.RowPointers;
        var columns = a.ColumnIndices;
        var values = a.Values;
        var thetaSquared = theta * theta;
        // Strong couplings land at their row's offset in A's layout first, so rows fill in parallel in one pass; then
        // the kept prefix of every row is packed.
        var kept = new int[a.Rows];
        var scattered = GC.AllocateUninitializedArray<int>(a.NonZeros);
        RowBlocks.ForEach(rowPointers, (first, end) =>
        {
            for (var row = first; row < end; row++)
            {
                var count = 0;
                var start = rowPointers[row];
                for (var k = start; k < rowPointers[row + 1]; k++)
                {
                    var column = columns[k];
                    var value = values[k];
                    if (column != row && value != 0 && value * value >= thetaSquared * diagonal[row] * diagonal[column])
                        scattered[start + count++] = column;
                }
                kept[row] = count;
            }
        });
        var strongPointers = new int[a.Rows + 1];
        for (var row = 0; row < a.Rows; row++)
            strongPointers[row + 1] = strongPointers[row] + kept[row];
        var neighbours = new int[strongPointers[a.Rows]];
        RowBlocks.ForEach(rowPointers, (first, end) =>
        {
            for (var row = first; row < end; row++)
                Array.Copy(scattered, rowPointers[row], neighbours, strongPointers[row], kept[row]);
        });
        return new StrengthGraph(strongPointers, neighbours);
    }
}
