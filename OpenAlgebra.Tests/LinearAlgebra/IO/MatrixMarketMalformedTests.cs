using System.IO.Compression;
using System.Text;
using OpenAlgebra.Modules.LinearAlgebra.IO;

namespace OpenAlgebra.Tests.LinearAlgebra.IO;

public sealed class MatrixMarketMalformedTests
{
    private const string Coordinate = "%%MatrixMarket matrix coordinate real general\n";

    /// <summary>A malformed file, the line its error must name, and what the message must say.</summary>
    public static TheoryData<string, string, int, string> Files => new()
    {
        { "empty", "", 1, "the file is empty; expected the banner" },
        { "no banner", "3 3 1\n1 1 1\n", 1, "expected the banner '%%MatrixMarket matrix coordinate|array" },
        { "banner short of a qualifier", "%%MatrixMarket matrix coordinate real\n1 1 0\n", 1, "names 3 of its 4 qualifiers" },
        { "banner with an extra word", "%%MatrixMarket matrix coordinate real general extra\n1 1 0\n", 1, "'extra' after its 4 qualifiers" },
        { "unknown object", "%%MatrixMarket vector coordinate real general\n1 1 0\n", 1, "unknown object 'vector'; expected 'matrix'" },
        { "unknown format", "%%MatrixMarket matrix sparse real general\n1 1 0\n", 1, "unknown format 'sparse'; expected 'coordinate' or 'array'" },
        { "unknown field", "%%MatrixMarket matrix coordinate quaternion general\n1 1 0\n", 1, "unknown field 'quaternion'" },
        { "complex", "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n", 1, "complex matrices are not supported" },
        { "unknown symmetry", "%%MatrixMarket matrix coordinate real lower\n1 1 0\n", 1, "unknown symmetry 'lower'" },
        { "pattern array", "%%MatrixMarket matrix array pattern general\n1 1\n", 1, "must be in coordinate format" },
        { "pattern skew", "%%MatrixMarket matrix coordinate pattern skew-symmetric\n2 2 0\n", 1, "cannot be skew-symmetric" },
        { "no size line", Coordinate + "% only a comment\n", 3, "the file ends before its size line" },
        { "size line short", Coordinate + "% comment\n3 3\n1 1 1\n", 3, "expected the size line 'rows columns entries', found '3 3'" },
        { "size line not numbers", Coordinate + "3 x 1\n1 1 1\n", 2, "the column count is 'x', not a whole number" },
        { "negative size", Coordinate + "-3 3 1\n1 1 1\n", 2, "the row count is '-3'" },
        { "symmetric not square", "%%MatrixMarket matrix coordinate real symmetric\n3 4 1\n1 1 1\n", 2, "symmetric matrix must be square, but the size line says 3×4" },
        { "row index 0", Coordinate + "3 3 2\n1 1 1\n0 2 1\n", 4, "row index 0 is outside 1..3 (Matrix Market indices start at 1)" },
        { "column too large", Coordinate + "3 3 2\n1 1 1\n2 4 1\n", 4, "column index 4 is outside 1..3" },
        { "index not a number", Coordinate + "3 3 1\n1.0 1 1\n", 3, "expected a row index (a whole number), found '1.0'" },
        { "too few entries", Coordinate + "3 3 3\n1 1 1\n2 2 2\n\n", 6, "expected entry 3 of the 3 the size line declares, found the end of the file" },
        { "too many entries", Coordinate + "3 3 1\n1 1 1\n2 2 2\n", 4, "expected the end of the file after the 1 entries the size line declares, found '2 2 2'" },
        { "NaN", Coordinate + "3 3 2\n1 1 1\n2 2 NaN\n", 4, "entry (2, 2) is 'NaN'; NaN and infinite values are not allowed" },
        { "infinity", Coordinate + "3 3 1\n3 1 -Infinity\n", 3, "entry (3, 1) is '-Infinity'" },
        { "overflow to infinity", Coordinate + "3 3 1\n3 1 1e400\n", 3, "entry (3, 1) is '1e400'" },
        { "value not a number", Coordinate + "3 3 1\n1 2 one\n", 3, "expected a number for entry (1, 2), found 'one'" },
        { "missing value", Coordinate + "3 3 2\n1 1 1\n1 2\n", 4, "expected an entry 'row column value', found 2 fields in '1 2'" },
        { "pattern with a value", "%%MatrixMarket matrix coordinate pattern general\n3 3 1\n1 2 5\n", 3, "expected an entry 'row column', found 3 fields" },
        { "integer with a fraction", "%%MatrixMarket matrix coordinate integer general\n3 3 1\n1 2 1.5\n", 3, "expected an integer value for entry (1, 2) of an integer matrix, found '1.5'" },
        { "skew diagonal", "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 2 3\n", 3, "a skew-symmetric matrix has a zero diagonal, but entry (2, 2) is '3'" },
        { "array too few values", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n", 5, "expected entry 3 of the 3" },
        { "array two values on a line", "%%MatrixMarket matrix array real general\n2 1\n1 2\n", 3, "expected one value per line in an array file, found 2 fields" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_malformed_file_is_refused_naming_the_line_and_what_was_expected(string name, string text, int line, string message)
    {
        var error = Assert.Throws<MatrixMarketFormatException>(() => MatrixMarket.Read<double>(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith($"Line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name}: {error.Message}");
    }

    [Fact]
    public void A_vector_file_with_two_columns_is_refused_at_its_size_line()
    {
        var text = "%%MatrixMarket matrix array real general\n% b\n2 2\n1\n2\n3\n4\n";

        var error = Assert.Throws<MatrixMarketFormatException>(() => MatrixMarket.ReadVector<double>(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal("Line 3: a vector has one column, but the size line says 2×2.", error.Message);
    }

    [Fact]
    public void A_line_longer_than_any_Matrix_Market_line_is_refused()
    {
        var text = Coordinate + "1 1 1\n1 1 " + new string('1', 2 << 20) + "\n";

        var error = Assert.Throws<MatrixMarketFormatException>(() => MatrixMarket.Read<double>(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_gzip_data_is_a_format_error()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Coordinate + "2 2 1\n1 1 1\n"));
        }

        var bytes = compressed.ToArray();
        bytes[12] ^= 0xFF;
        bytes[13] ^= 0xFF;

        var error = Assert.Throws<MatrixMarketFormatException>(() => MatrixMarket.Read<double>(new MemoryStream(bytes)));

        Assert.Contains("gzip data is corrupt", error.Message, StringComparison.Ordinal);
    }
}
