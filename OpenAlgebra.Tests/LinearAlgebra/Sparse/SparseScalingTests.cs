using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Sparse;

public sealed class SparseScalingTests
{
    [Fact]
    public void Diagonal_reads_stored_entries_and_zero_where_none_is_stored()
    {
        var a = SparseSamples.Random<double>(30, 20, 0.4, seed: 2);
        var dense = SparseSamples.Dense(a);

        var diagonal = a.Diagonal();

        Assert.Equal(20, diagonal.Length);
        Assert.Equal(dense.Diagonal().ToArray(), diagonal);
        Assert.Equal(0, diagonal[3]); // row 3 is empty
    }

    [Fact]
    public void Scaling_rows_is_the_product_with_a_diagonal_matrix_and_leaves_the_original_alone()
    {
        var a = SparseSamples.Random<float>(25, 40, 0.3, seed: 6);
        var before = (float[])a.Values.Clone();
        var factors = Enumerable.Range(0, 25).Select(i => (float)(i - 12) / 4).ToArray();

        var scaled = a.ScaleRows(factors);

        var expected = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfDiagonalArray([.. factors.Select(f => (double)f)]) * SparseSamples.Dense(a);
        SparseSamples.AssertEqual(expected, SparseSamples.Dense(scaled), 1e-6);
        Assert.Equal(a.ColumnIndices, scaled.ColumnIndices);
        Assert.NotSame(a.ColumnIndices, scaled.ColumnIndices);
        Assert.Equal(before, a.Values);
    }

    [Fact]
    public void Scaling_with_the_wrong_number_of_factors_is_refused()
    {
        var a = SparseSamples.Random<double>(5, 5, 0.5, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => a.ScaleRows(new double[4]));

        Assert.Contains("needs 5 factors, not 4", error.Message, StringComparison.Ordinal);
    }
}
