using System.Numerics;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>
/// Writes matrices and vectors in a requested layout. The checks that the layout can hold the values without loss are
/// separate, so a caller runs them before it creates a file and a refused write leaves nothing behind.
/// </summary>
internal static class MatrixMarketWriter
{
    public static void WriteRepresentable<T>(Stream stream, CsrMatrix<T> matrix, MatrixMarketWriteOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var text = new Utf8TextWriter(stream);
        WriteBanner(text, options);
        if (options.Format == MatrixMarketFormat.Coordinate)
            WriteCoordinates(text, matrix, options);
        else
            WriteArray(text, matrix, options);
        text.Flush();
    }

    /// <exception cref="ArgumentException">The layout cannot hold the matrix; the message says why.</exception>
    public static void RequireRepresentable<T>(CsrMatrix<T> matrix, MatrixMarketWriteOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (options.Symmetry == MatrixMarketSymmetry.Hermitian)
            throw new ArgumentException("Hermitian only means more than symmetric for complex values; write a real symmetric matrix as Symmetric.", nameof(options));
        if (options.Field == MatrixMarketField.Pattern && options.Format == MatrixMarketFormat.Array)
            throw new ArgumentException("A pattern has no values to list, so it can only be written in coordinate format.", nameof(options));
        if (options.Field == MatrixMarketField.Pattern && options.Symmetry == MatrixMarketSymmetry.SkewSymmetric)
            throw new ArgumentException("A pattern has no signs, so it cannot be written as skew-symmetric.", nameof(options));
        for (var row = 0; row < matrix.Rows; row++)
        {
            for (var k = matrix.RowPointers[row]; k < matrix.RowPointers[row + 1]; k++)
            {
                var value = matrix.Values[k];
                var column = matrix.ColumnIndices[k];
                if (!T.IsFinite(value) && options.Field != MatrixMarketField.Pattern)
                    throw new ArgumentException($"Entry ({row}, {column}) is {value}; Matrix Market files hold finite numbers only.", nameof(matrix));
                if (options.Field == MatrixMarketField.Integer && !(T.IsInteger(value) && T.Abs(value) <= LargestExactInteger<T>()))
                    throw new ArgumentException($"Entry ({row}, {column}) is {value}, not a whole number of at most 2⁵³ in magnitude as an integer file needs.", nameof(matrix));
            }
        }

        if (options.Symmetry == MatrixMarketSymmetry.Symmetric
            && !(options.Field == MatrixMarketField.Pattern ? matrix.HasSymmetricPattern() : matrix.IsSymmetric(T.Zero)))
            throw new ArgumentException($"The {matrix.Rows}×{matrix.Columns} matrix is not exactly symmetric, so one triangle cannot stand for it; write it as General.", nameof(matrix));
        if (options.Symmetry == MatrixMarketSymmetry.SkewSymmetric && !matrix.IsSkewSymmetric(T.Zero))
            throw new ArgumentException($"The {matrix.Rows}×{matrix.Columns} matrix is not exactly skew-symmetric, so one triangle cannot stand for it; write it as General.", nameof(matrix));
    }

    /// <summary>2⁵³: beyond it a double no longer tells neighbouring integers apart.</summary>
    private static T LargestExactInteger<T>() where T : unmanaged, IFloatingPointIeee754<T> => T.CreateChecked(1L << 53);

    private static void WriteBanner(Utf8TextWriter text, MatrixMarketWriteOptions options)
    {
        var format = options.Format == MatrixMarketFormat.Coordinate ? "coordinate" : "array";
        var field = options.Field switch
        {
            MatrixMarketField.Real => "real",
            MatrixMarketField.Integer => "integer",
            _ => "pattern",
        };
        text.Write($"%%MatrixMarket matrix {format} {field} {MatrixMarketHeaderParser.Name(options.Symmetry)}\n");
        if (options.Comment is { } comment)
        {
            foreach (var line in comment.ReplaceLineEndings("\n").Split('\n'))
                text.Write($"%{line}\n");
        }
    }

    /// <summary>Every stored entry, or those of the lower triangle (strictly lower when skew), row by row.</summary>
    private static void WriteCoordinates<T>(Utf8TextWriter text, CsrMatrix<T> matrix, MatrixMarketWriteOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var triangle = options.Symmetry != MatrixMarketSymmetry.General;
        var skew = options.Symmetry == MatrixMarketSymmetry.SkewSymmetric;
        bool Stored(int row, int column) => !triangle || column < row || (column == row && !skew);

        long count = 0;
        for (var row = 0; row < matrix.Rows; row++)
        {
            for (var k = matrix.RowPointers[row]; k < matrix.RowPointers[row + 1]; k++)
            {
                if (Stored(row, matrix.ColumnIndices[k]))
                    count++;
            }
        }
        WriteNumbers(text, matrix.Rows, matrix.Columns, count);

        for (var row = 0; row < matrix.Rows; row++)
        {
            for (var k = matrix.RowPointers[row]; k < matrix.RowPointers[row + 1]; k++)
            {
                var column = matrix.ColumnIndices[k];
                if (!Stored(row, column))
                    continue;
                text.Write(row + 1L);
                text.Space();
                text.Write(column + 1L);
                if (options.Field != MatrixMarketField.Pattern)
                {
                    text.Space();
                    WriteValue(text, matrix.Values[k], options.Field);
                }
                text.NewLine();
            }
        }
    }

    /// <summary>
    /// Every value column by column (from the diagonal down, or below it, for a triangle), zeros included: the transpose
    /// turns columns into rows that can be walked in order.
    /// </summary>
    private static void WriteArray<T>(Utf8TextWriter text, CsrMatrix<T> matrix, MatrixMarketWriteOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        WriteNumbers(text, matrix.Rows, matrix.Columns);
        var byColumn = matrix.Transpose();
        for (var column = 0; column < matrix.Columns; column++)
        {
            var first = options.Symmetry switch
            {
                MatrixMarketSymmetry.General => 0,
                MatrixMarketSymmetry.SkewSymmetric => column + 1,
                _ => column,
            };
            var k = byColumn.RowPointers[column];
            var end = byColumn.RowPointers[column + 1];
            for (var row = first; row < matrix.Rows; row++)
            {
                while (k < end && byColumn.ColumnIndices[k] < row)
                    k++;
                var value = k < end && byColumn.ColumnIndices[k] == row ? byColumn.Values[k] : T.Zero;
                WriteValue(text, value, options.Field);
                text.NewLine();
            }
        }
    }

    public static void RequireFinite<T>(ReadOnlySpan<T> vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < vector.Length; i++)
        {
            if (!T.IsFinite(vector[i]))
                throw new ArgumentException($"Element {i} is {vector[i]}; Matrix Market files hold finite numbers only.", nameof(vector));
        }
    }

    public static void WriteFiniteVector<T>(Stream stream, ReadOnlySpan<T> vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var text = new Utf8TextWriter(stream);
        text.Write("%%MatrixMarket matrix array real general\n");
        WriteNumbers(text, vector.Length, 1);
        foreach (var value in vector)
        {
            text.WriteReal(value);
            text.NewLine();
        }
        text.Flush();
    }

    private static void WriteValue<T>(Utf8TextWriter text, T value, MatrixMarketField field) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (field == MatrixMarketField.Integer)
            text.Write(long.CreateChecked(value));
        else
            text.WriteReal(value);
    }

    private static void WriteNumbers(Utf8TextWriter text, params ReadOnlySpan<long> numbers)
    {
        for (var n = 0; n < numbers.Length; n++)
        {
            if (n > 0)
                text.Space();
            text.Write(numbers[n]);
        }
        text.NewLine();
    }
}
