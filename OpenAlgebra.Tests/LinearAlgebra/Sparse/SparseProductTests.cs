using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Sparse;

public sealed class SparseProductTests
{
    [Theory]
    [InlineData(9, 6, 13, 0.3)]
    [InlineData(300, 250, 280, 0.08)] // enough work to split across cores
    [InlineData(1, 40, 1, 0.5)]
    [InlineData(20, 20, 20, 0.0)]
    public void Product_matches_the_dense_product(int rows, int inner, int columns, double density)
    {
        var a = SparseSamples.Random<double>(rows, inner, density, seed: 1);
        var b = SparseSamples.Random<double>(inner, columns, density, seed: 2);

        var c = a.Multiply(b, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((rows, columns), (c.Rows, c.Columns));
        SparseSamples.AssertEqual(SparseSamples.Dense(a) * SparseSamples.Dense(b), SparseSamples.Dense(c), 1e-12);
    }

    [Fact]
    public void Single_precision_product_matches_the_dense_product()
    {
        var a = SparseSamples.Random<float>(120, 90, 0.1, seed: 5);
        var b = SparseSamples.Random<float>(90, 70, 0.1, seed: 6);

        var c = a.Multiply(b, cancellationToken: TestContext.Current.CancellationToken);

        SparseSamples.AssertEqual(SparseSamples.Dense(a) * SparseSamples.Dense(b), SparseSamples.Dense(c), 1e-5);
    }

    [Fact]
    public void Squared_Poisson_operator_is_the_13_point_stencil()
    {
        var a = ModelProblems.Poisson2D(12);

        var c = a.Multiply(a, cancellationToken: TestContext.Current.CancellationToken);

        SparseSamples.AssertEqual(SparseSamples.Dense(a) * SparseSamples.Dense(a), SparseSamples.Dense(c), 0);
        Assert.Equal(13, c.RowPointers[6 * 12 + 7] - c.RowPointers[6 * 12 + 6]);
    }

    [Fact]
    public void Entries_that_cancel_stay_in_the_pattern_as_zeros()
    {
        var row = new CsrMatrix<double>(1, 2, [0, 2], [0, 1], [1, 1]);
        var column = new CsrMatrix<double>(2, 1, [0, 1, 2], [0, 0], [1, -1]);

        var c = row.Multiply(column, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([0], c.ColumnIndices);
        Assert.Equal([0.0], c.Values);
    }

    [Fact]
    public void Mismatched_shapes_are_refused_naming_both()
    {
        var a = SparseSamples.Random<double>(3, 4, 0.5, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => a.Multiply(a, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("3×4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Product_with_the_identity_is_unchanged()
    {
        var a = SparseSamples.Random<double>(40, 30, 0.2, seed: 9);
        var sparseIdentity = new CsrMatrix<double>(30, 30, [.. Enumerable.Range(0, 31)], [.. Enumerable.Range(0, 30)], [.. Enumerable.Repeat(1.0, 30)]);

        var c = a.Multiply(sparseIdentity, cancellationToken: TestContext.Current.CancellationToken);

        SparseSamples.AssertSameEntries(a, c);
    }
}
