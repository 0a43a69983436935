using System.Text;

namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>Reads the banner, the comments and the size line, leaving the reader at the first entry line.</summary>
internal static class MatrixMarketHeaderParser
{
    private const string BannerShape = "'%%MatrixMarket matrix coordinate|array real|integer|pattern general|symmetric|skew-symmetric|hermitian'";

    public static MatrixMarketHeader Read(Utf8LineReader lines)
    {
        if (!lines.TryReadLine(out var banner))
            throw new MatrixMarketFormatException(1, $"the file is empty; expected the banner {BannerShape}.");
        var fields = new LineFields(banner);
        if (!fields.TryNext(out var first) || !Ascii.EqualsIgnoreCase(first, "%%MatrixMarket"u8))
            throw new MatrixMarketFormatException(1, $"expected the banner {BannerShape}, found {LineFields.Quote(banner)}.");
        var qualifiers = new string[4];
        for (var n = 0; n < qualifiers.Length; n++)
        {
            if (!fields.TryNext(out var qualifier))
                throw new MatrixMarketFormatException(1, $"the banner names {n} of its 4 qualifiers; expected {BannerShape}.");
            qualifiers[n] = Encoding.UTF8.GetString(qualifier).ToLowerInvariant();
        }
        if (fields.TryNext(out var extra))
            throw new MatrixMarketFormatException(1, $"the banner has {LineFields.Quote(extra)} after its 4 qualifiers; expected {BannerShape}.");

        if (qualifiers[0] != "matrix")
            throw new MatrixMarketFormatException(1, $"unknown object '{qualifiers[0]}'; expected 'matrix'.");
        var format = qualifiers[1] switch
        {
            "coordinate" => MatrixMarketFormat.Coordinate,
            "array" => MatrixMarketFormat.Array,
            _ => throw new MatrixMarketFormatException(1, $"unknown format '{qualifiers[1]}'; expected 'coordinate' or 'array'."),
        };
        var field = qualifiers[2] switch
        {
            "real" or "double" => MatrixMarketField.Real,
            "integer" => MatrixMarketField.Integer,
            "pattern" => MatrixMarketField.Pattern,
            "complex" => throw new MatrixMarketFormatException(1, "complex matrices are not supported; only real, integer and pattern files can be read."),
            _ => throw new MatrixMarketFormatException(1, $"unknown field '{qualifiers[2]}'; expected 'real', 'integer' or 'pattern'."),
        };
        var symmetry = qualifiers[3] switch
        {
            "general" => MatrixMarketSymmetry.General,
            "symmetric" => MatrixMarketSymmetry.Symmetric,
            "skew-symmetric" => MatrixMarketSymmetry.SkewSymmetric,
            "hermitian" => MatrixMarketSymmetry.Hermitian,
            _ => throw new MatrixMarketFormatException(1, $"unknown symmetry '{qualifiers[3]}'; expected 'general', 'symmetric', 'skew-symmetric' or 'hermitian'."),
        };
        if (field == MatrixMarketField.Pattern && format == MatrixMarketFormat.Array)
            throw new MatrixMarketFormatException(1, "a pattern matrix has no values to list, so it must be in coordinate format, not array.");
        if (field == MatrixMarketField.Pattern && symmetry == MatrixMarketSymmetry.SkewSymmetric)
            throw new MatrixMarketFormatException(1, "a pattern matrix has no signs, so it cannot be skew-symmetric.");

        return ReadSize(lines, format, field, symmetry);
    }

    public static string Name(MatrixMarketSymmetry symmetry) => symmetry switch
    {
        MatrixMarketSymmetry.General => "general",
        MatrixMarketSymmetry.Symmetric => "symmetric",
        MatrixMarketSymmetry.SkewSymmetric => "skew-symmetric",
        _ => "hermitian",
    };

    private static MatrixMarketHeader ReadSize(Utf8LineReader lines, MatrixMarketFormat format, MatrixMarketField field, MatrixMarketSymmetry symmetry)
    {
        var shape = format == MatrixMarketFormat.Coordinate ? "'rows columns entries'" : "'rows columns'";
        ReadOnlySpan<byte> line;
        do
        {
            if (!lines.TryReadLine(out line))
                throw new MatrixMarketFormatException(lines.LineNumber + 1, $"the file ends before its size line; expected {shape}.");
        }
        while (LineFields.IsBlankOrComment(line));

        var fields = new LineFields(line);
        var wanted = format == MatrixMarketFormat.Coordinate ? 3 : 2;
        if (fields.CountAll() != wanted)
            throw new MatrixMarketFormatException(lines.LineNumber, $"expected the size line {shape}, found {LineFields.Quote(line)}.");
        var rows = ReadCount(ref fields, "row count", shape, lines.LineNumber);
        var columns = ReadCount(ref fields, "column count", shape, lines.LineNumber);
        var declared = format == MatrixMarketFormat.Coordinate ? ReadCount(ref fields, "entry count", shape, lines.LineNumber) : 0;
        if (rows > int.MaxValue || columns > int.MaxValue)
            throw new MatrixMarketFormatException(lines.LineNumber, $"the matrix is {rows}×{columns}; at most {int.MaxValue} rows and columns are supported.");
        if (symmetry != MatrixMarketSymmetry.General && rows != columns)
            throw new MatrixMarketFormatException(lines.LineNumber, $"a {Name(symmetry)} matrix must be square, but the size line says {rows}×{columns}.");

        var stored = format == MatrixMarketFormat.Coordinate
            ? declared
            : symmetry switch
            {
                MatrixMarketSymmetry.General => rows * columns,
                MatrixMarketSymmetry.SkewSymmetric => rows * (rows - 1) / 2,
                _ => rows * (rows + 1) / 2,
            };
        return new MatrixMarketHeader(format, field, symmetry, (int)rows, (int)columns, stored);
    }

    private static long ReadCount(ref LineFields fields, string what, string shape, long lineNumber)
    {
        fields.TryNext(out var field);
        if (!MatrixMarketNumbers.TryParseNatural(field, out var value))
            throw new MatrixMarketFormatException(lineNumber, $"expected the size line {shape}, but the {what} is {LineFields.Quote(field)}, not a whole number.");
        return value;
    }
}
