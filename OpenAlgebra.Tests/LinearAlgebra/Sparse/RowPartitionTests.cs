using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Sparse;

public sealed class RowPartitionTests
{
    [Fact]
    public void Halves_weigh_entries_and_rows_so_a_heavy_row_shares_little()
    {
        // Row 0 holds 1000 entries and costs 1001 with its write; the 1000 rows after it cost 2 each (one entry, one write).
        // Half of the 3001 is reached after row 0 and 250 light rows.
        var rowPointers = new int[1002];
        rowPointers[1] = 1000;
        for (var row = 1; row <= 1000; row++)
        {
            rowPointers[row + 1] = rowPointers[row] + 1;
        }

        var ranges = RowPartition.ByNonZeros(rowPointers, 2);

        Assert.Equal(0, ranges[0]);
        Assert.Equal(1001, ranges[2]);
        Assert.Equal(251, ranges[1]);
    }

    [Fact]
    public void More_parts_than_rows_leave_some_ranges_empty()
    {
        var ranges = RowPartition.ByNonZeros([0, 1, 2], 4);

        Assert.Equal(5, ranges.Length);
        Assert.Equal(0, ranges[0]);
        Assert.Equal(2, ranges[4]);
        Assert.True(ranges.Zip(ranges.Skip(1)).All(pair => pair.First <= pair.Second));
    }
}
