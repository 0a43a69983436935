using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Sparse;

public sealed class CooMatrixTests
{
    [Fact]
    public void Entries_in_any_order_come_out_sorted_with_duplicates_summed()
    {
        var coo = new CooMatrix<double>(3, 4);
        coo.Add(2, 3, 1);
        coo.Add(0, 2, 5);
        coo.Add(2, 0, 7);
        coo.Add(0, 2, -1.5);
        coo.Add(0, 0, 2);
        coo.Add(2, 3, 0.25);

        var csr = coo.ToCsr();

        Assert.Equal(6, coo.Count);
        Assert.Equal([0, 2, 2, 4], csr.RowPointers);
        Assert.Equal([0, 2, 0, 3], csr.ColumnIndices);
        Assert.Equal([2, 3.5, 7, 1.25], csr.Values);
    }

    [Fact]
    public void Duplicates_are_summed_in_the_order_they_were_added()
    {
        // 1e16 + 1 − 1e16 is 0 in double arithmetic but 1 in the order (1e16 − 1e16) + 1.
        var coo = new CooMatrix<double>(1, 1);
        coo.Add(0, 0, 1e16);
        coo.Add(0, 0, 1);
        coo.Add(0, 0, -1e16);

        Assert.Equal([0.0], coo.ToCsr().Values);
    }

    [Fact]
    public void Zeros_are_kept_by_default_and_dropped_on_request_also_after_cancelling()
    {
        var coo = new CooMatrix<float>(2, 2);
        coo.Add(0, 0, 0);
        coo.Add(0, 1, 3);
        coo.Add(1, 1, 2);
        coo.Add(1, 1, -2);

        var kept = coo.ToCsr();
        var dropped = coo.ToCsr(ExplicitZeros.Drop);

        Assert.Equal([0, 1, 1], kept.ColumnIndices);
        Assert.Equal([0f, 3, 0], kept.Values);
        Assert.Equal([0, 1, 1], dropped.RowPointers);
        Assert.Equal([1], dropped.ColumnIndices);
        Assert.Equal([3f], dropped.Values);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(0, 5)]
    [InlineData(-1, 0)]
    [InlineData(0, -2)]
    public void An_entry_outside_the_matrix_is_refused_naming_its_row_and_column(int row, int column)
    {
        var coo = new CooMatrix<double>(3, 5);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => coo.Add(row, column, 1));

        Assert.Contains($"({row}, {column})", error.Message, StringComparison.Ordinal);
        Assert.Contains("3×5", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, coo.Count);
    }

    [Fact]
    public void A_random_assembly_matches_the_dense_sum_of_its_entries()
    {
        var random = new Random(11);
        var coo = new CooMatrix<double>(60, 45);
        var dense = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(60, 45);
        for (var n = 0; n < 2000; n++)
        {
            int row = random.Next(60), column = random.Next(45);
            var value = random.Next(-8, 9) / 4.0;
            coo.Add(row, column, value);
            dense[row, column] += value;
        }

        var csr = coo.ToCsr(ExplicitZeros.Drop);

        SparseSamples.AssertEqual(dense, SparseSamples.Dense(csr), 0);
        Assert.DoesNotContain(0.0, csr.Values);
    }

    [Fact]
    public void An_empty_builder_gives_an_empty_matrix()
    {
        var csr = new CooMatrix<double>(4, 2).ToCsr();

        Assert.Equal((4, 2, 0), (csr.Rows, csr.Columns, csr.NonZeros));
        Assert.Equal(new int[5], csr.RowPointers);
    }
}
