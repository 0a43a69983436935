using System.Numerics;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>
/// Reads the entry lines that follow the size line into a <see cref="CooMatrix{T}"/>, expanding a stored triangle to
/// both, and checks that exactly the declared number of entries is there. Zeros of an array file are not entries.
/// </summary>
internal static class MatrixMarketEntryReader
{
    /// <summary>The builder's first allocation when the text's size is unknown; it grows from there.</summary>
    private const int UnknownSizeCapacity = 1 << 20;

    public static CooMatrix<T> Read<T>(Utf8LineReader lines, MatrixMarketHeader header) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A size line must not make a small upload allocate gigabytes: every entry line takes at least 2 bytes ("0\n"), and
        // mirroring at most doubles what the lines hold.
        var declared = header.Symmetry == MatrixMarketSymmetry.General ? header.StoredEntries : 2 * header.StoredEntries;
        var capacity = Math.Min(Math.Min(declared, lines.PlainLength ?? UnknownSizeCapacity), Array.MaxLength);
        var entries = new CooMatrix<T>(header.Rows, header.Columns, (int)capacity);
        if (header.Format == MatrixMarketFormat.Coordinate)
            ReadCoordinates(lines, header, entries);
        else
            ReadArray(lines, header, entries);
        RequireNothingMore(lines, header);
        return entries;
    }

    private static void ReadCoordinates<T>(Utf8LineReader lines, MatrixMarketHeader header, CooMatrix<T> entries) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pattern = header.Field == MatrixMarketField.Pattern;
        var shape = pattern ? "'row column'" : "'row column value'";
        var sign = header.Symmetry == MatrixMarketSymmetry.SkewSymmetric ? -T.One : T.One;
        for (long n = 0; n < header.StoredEntries; n++)
        {
            var line = NextEntryLine(lines, n, header);
            var fields = new LineFields(line);
            ReadOnlySpan<byte> valueField = default;
            var complete = fields.TryNext(out var rowField) & fields.TryNext(out var columnField) & (pattern || fields.TryNext(out valueField));
            if (!complete || fields.TryNext(out _))
                throw new MatrixMarketFormatException(lines.LineNumber, $"expected an entry {shape}, found {fields.CountAll()} fields in {LineFields.Quote(line)}.");
            var row = ReadIndex(rowField, header.Rows, "row", lines.LineNumber);
            var column = ReadIndex(columnField, header.Columns, "column", lines.LineNumber);
            var value = pattern ? T.One : ReadValue<T>(valueField, header.Field, row, column, lines.LineNumber);
            entries.Add(row, column, value);
            if (row != column && header.Symmetry != MatrixMarketSymmetry.General)
                entries.Add(column, row, sign * value);
            else if (row == column && header.Symmetry == MatrixMarketSymmetry.SkewSymmetric && value != T.Zero)
                throw new MatrixMarketFormatException(lines.LineNumber, $"a skew-symmetric matrix has a zero diagonal, but entry ({row + 1}, {column + 1}) is {LineFields.Quote(valueField)}.");
        }
    }

    /// <summary>Values column by column, each column from the diagonal down (or below it) when a triangle is stored.</summary>
    private static void ReadArray<T>(Utf8LineReader lines, MatrixMarketHeader header, CooMatrix<T> entries) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sign = header.Symmetry == MatrixMarketSymmetry.SkewSymmetric ? -T.One : T.One;
        int row = header.Symmetry == MatrixMarketSymmetry.SkewSymmetric ? 1 : 0, column = 0;
        for (long n = 0; n < header.StoredEntries; n++)
        {
            var line = NextEntryLine(lines, n, header);
            var fields = new LineFields(line);
            fields.TryNext(out var valueField);
            if (fields.TryNext(out _))
                throw new MatrixMarketFormatException(lines.LineNumber, $"expected one value per line in an array file, found {fields.CountAll()} fields in {LineFields.Quote(line)}.");
            var value = ReadValue<T>(valueField, header.Field, row, column, lines.LineNumber);
            if (value != T.Zero)
            {
                entries.Add(row, column, value);
                if (row != column && header.Symmetry != MatrixMarketSymmetry.General)
                    entries.Add(column, row, sign * value);
            }
            if (++row == header.Rows)
            {
                column++;
                row = header.Symmetry switch
                {
                    MatrixMarketSymmetry.General => 0,
                    MatrixMarketSymmetry.SkewSymmetric => column + 1,
                    _ => column,
                };
            }
        }
    }

    /// <summary>The next line that is not blank or a comment, or an error saying which entry the file ended before.</summary>
    private static ReadOnlySpan<byte> NextEntryLine(Utf8LineReader lines, long entriesRead, MatrixMarketHeader header)
    {
        ReadOnlySpan<byte> line;
        do
        {
            if (!lines.TryReadLine(out line))
                throw new MatrixMarketFormatException(lines.LineNumber + 1, $"expected entry {entriesRead + 1} of the {header.StoredEntries} the size line declares, found the end of the file.");
        }
        while (LineFields.IsBlankOrComment(line));
        return line;
    }

    private static void RequireNothingMore(Utf8LineReader lines, MatrixMarketHeader header)
    {
        while (lines.TryReadLine(out var line))
        {
            if (!LineFields.IsBlankOrComment(line))
                throw new MatrixMarketFormatException(lines.LineNumber, $"expected the end of the file after the {header.StoredEntries} entries the size line declares, found {LineFields.Quote(line)}.");
        }
    }

    /// <summary>A 1-based index within 1..<paramref name="count"/>, returned 0-based.</summary>
    private static int ReadIndex(ReadOnlySpan<byte> field, int count, string what, long lineNumber)
    {
        if (!MatrixMarketNumbers.TryParseNatural(field, out var index))
            throw new MatrixMarketFormatException(lineNumber, $"expected a {what} index (a whole number), found {LineFields.Quote(field)}.");
        if (index < 1 || index > count)
            throw new MatrixMarketFormatException(lineNumber, $"{what} index {index} is outside 1..{count} (Matrix Market indices start at 1).");
        return (int)(index - 1);
    }

    private static T ReadValue<T>(ReadOnlySpan<byte> field, MatrixMarketField kind, int row, int column, long lineNumber) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T value;
        if (kind == MatrixMarketField.Integer)
        {
            if (!MatrixMarketNumbers.TryParseInteger(field, out var whole))
                throw new MatrixMarketFormatException(lineNumber, $"expected an integer value for entry ({row + 1}, {column + 1}) of an integer matrix, found {LineFields.Quote(field)}.");
            value = T.CreateChecked(whole);
        }
        else if (!MatrixMarketNumbers.TryParseReal(field, out value))
        {
            throw new MatrixMarketFormatException(lineNumber, $"expected a number for entry ({row + 1}, {column + 1}), found {LineFields.Quote(field)}.");
        }
        if (!T.IsFinite(value))
            throw new MatrixMarketFormatException(lineNumber, $"entry ({row + 1}, {column + 1}) is {LineFields.Quote(field)}; NaN and infinite values are not allowed.");
        return value;
    }
}
