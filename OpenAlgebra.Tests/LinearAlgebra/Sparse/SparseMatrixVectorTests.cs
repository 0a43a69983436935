using MathNet.Numerics.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Sparse;

public sealed class SparseMatrixVectorTests
{
    [Theory]
    [InlineData(13, 8, 0.3)]
    [InlineData(900, 700, 0.1)] // enough work to split across cores
    public void Product_matches_the_dense_product_and_overwrites_empty_rows(int rows, int columns, double density)
    {
        var a = SparseSamples.Random<double>(rows, columns, density, seed: 4);
        var x = Enumerable.Range(0, columns).Select(i => Math.Sin(i)).ToArray();
        var y = Enumerable.Repeat(double.NaN, rows).ToArray();

        a.Multiply(x, y);

        var expected = SparseSamples.Dense(a) * Vector<double>.Build.Dense(x);
        for (var row = 0; row < rows; row++)
        {
            Assert.Equal(expected[row], y[row], 1e-12);
        }

        Assert.Equal(0, y[3]); // row 3 is empty
    }

    [Theory]
    [InlineData(13, 8, 0.3)]
    [InlineData(900, 700, 0.1)]
    public void Transposed_product_matches_the_dense_product_and_overwrites_y(int rows, int columns, double density)
    {
        var a = SparseSamples.Random<double>(rows, columns, density, seed: 8);
        var x = Enumerable.Range(0, rows).Select(i => Math.Cos(i)).ToArray();
        var y = Enumerable.Repeat(double.NaN, columns).ToArray();

        a.MultiplyTransposed(x, y);

        var expected = SparseSamples.Dense(a).TransposeThisAndMultiply(Vector<double>.Build.Dense(x));
        for (var column = 0; column < columns; column++)
        {
            Assert.Equal(expected[column], y[column], 1e-12);
        }
    }

    [Fact]
    public void Single_precision_products_match_double_precision_to_float_accuracy()
    {
        var a = SparseSamples.Random<float>(800, 600, 0.1, seed: 12);
        var x = Enumerable.Range(0, 600).Select(i => (float)Math.Sin(i)).ToArray();
        var xt = Enumerable.Range(0, 800).Select(i => (float)Math.Cos(i)).ToArray();
        var y = new float[800];
        var yt = new float[600];

        a.Multiply(x, y);
        a.MultiplyTransposed(xt, yt);

        var dense = SparseSamples.Dense(a);
        var expected = dense * Vector<double>.Build.Dense([.. x.Select(v => (double)v)]);
        var expectedT = dense.TransposeThisAndMultiply(Vector<double>.Build.Dense([.. xt.Select(v => (double)v)]));
        for (var row = 0; row < 800; row++)
        {
            Assert.Equal(expected[row], y[row], 1e-4);
        }

        for (var column = 0; column < 600; column++)
        {
            Assert.Equal(expectedT[column], yt[column], 1e-4);
        }
    }

    [Fact]
    public void Vectors_of_the_wrong_length_are_refused_naming_the_length_needed()
    {
        var a = SparseSamples.Random<double>(4, 3, 0.5, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => a.Multiply(new double[4], new double[4]));
        var errorT = Assert.Throws<ArgumentException>(() => a.MultiplyTransposed(new double[4], new double[4]));

        Assert.Contains("x of length 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("y of length 3", errorT.Message, StringComparison.Ordinal);
    }
}
