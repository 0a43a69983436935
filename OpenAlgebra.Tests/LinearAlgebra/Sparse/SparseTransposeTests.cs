using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Sparse;

public sealed class SparseTransposeTests
{
    [Theory]
    [InlineData(7, 11, 0.3)]
    [InlineData(500, 400, 0.3)] // enough work to split across cores
    [InlineData(50, 1, 0.5)]
    public void Transpose_matches_the_dense_transpose(int rows, int columns, double density)
    {
        var a = SparseSamples.Random<double>(rows, columns, density, seed: rows);

        var t = a.Transpose();

        Assert.Equal((columns, rows), (t.Rows, t.Columns));
        SparseSamples.AssertEqual(SparseSamples.Dense(a).Transpose(), SparseSamples.Dense(t), 0);
    }

    [Fact]
    public void Transposing_twice_gives_back_the_same_arrays_in_single_precision()
    {
        var a = SparseSamples.Random<float>(600, 300, 0.4, seed: 3);

        SparseSamples.AssertSameEntries(a, a.Transpose().Transpose());
    }

    [Fact]
    public void An_empty_matrix_transposes_to_an_empty_matrix()
    {
        var a = new CsrMatrix<double>(3, 0, new int[4], [], []);

        var t = a.Transpose();

        Assert.Equal((0, 3, 0), (t.Rows, t.Columns, t.NonZeros));
    }
}
