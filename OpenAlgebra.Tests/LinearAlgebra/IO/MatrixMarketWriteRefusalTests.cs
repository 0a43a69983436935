using OpenAlgebra.Modules.LinearAlgebra.IO;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.IO;

public sealed class MatrixMarketWriteRefusalTests
{
    private static readonly CsrMatrix<double> Unsymmetric = new(2, 2, [0, 2, 3], [0, 1, 1], [1, 2, 3]);

    public static TheoryData<string, CsrMatrix<double>, MatrixMarketWriteOptions, string> Refusals => new()
    {
        { "not symmetric", Unsymmetric, new() { Symmetry = MatrixMarketSymmetry.Symmetric }, "is not exactly symmetric" },
        { "not skew", ModelProblems.Poisson2D(2), new() { Symmetry = MatrixMarketSymmetry.SkewSymmetric }, "is not exactly skew-symmetric" },
        { "hermitian", ModelProblems.Poisson2D(2), new() { Symmetry = MatrixMarketSymmetry.Hermitian }, "write a real symmetric matrix as Symmetric" },
        { "pattern array", Unsymmetric, new() { Field = MatrixMarketField.Pattern, Format = MatrixMarketFormat.Array }, "only be written in coordinate format" },
        { "not integer", Unsymmetric.ScaleRows([0.5, 1]), new() { Field = MatrixMarketField.Integer }, "Entry (0, 0) is 0.5, not a whole number" },
        { "NaN", new CsrMatrix<double>(1, 1, [0, 1], [0], [double.NaN]), new(), "Entry (0, 0) is NaN; Matrix Market files hold finite numbers only" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_layout_that_cannot_hold_the_matrix_is_refused_before_the_file_is_created(
        string name, CsrMatrix<double> matrix, MatrixMarketWriteOptions options, string message)
    {
        var directory = Directory.CreateTempSubdirectory("openalgebra-mtx-");
        try
        {
            var path = Path.Combine(directory.FullName, "refused.mtx");

            var error = Assert.Throws<ArgumentException>(() => MatrixMarket.Write(path, matrix, options));

            Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name}: {error.Message}");
            Assert.False(File.Exists(path));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_vector_holding_infinity_is_refused_naming_the_element()
    {
        using var stream = new MemoryStream();

        var error = Assert.Throws<ArgumentException>(() => MatrixMarket.WriteVector<float>(stream, [1, float.PositiveInfinity]));

        Assert.Contains("Element 1 is", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }
}
