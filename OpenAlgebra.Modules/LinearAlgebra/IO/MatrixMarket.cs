using System.IO.Compression;
using System.Numerics;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>
/// Matrix Market files (NIST's text format for sparse and dense matrices), plain or gzip-compressed.
/// Reads <c>coordinate</c> and <c>array</c> files of <c>real</c>, <c>integer</c> or <c>pattern</c> values, stored
/// <c>general</c>, <c>symmetric</c>, <c>skew-symmetric</c> or <c>hermitian</c> (read as symmetric, which a real
/// Hermitian matrix is); <c>complex</c> files are refused. Gzip is recognised by its magic bytes, whatever the name.
/// Duplicate coordinate entries are summed; indices, counts and values are checked, and every error is a
/// <see cref="MatrixMarketFormatException"/> naming the line.
/// </summary>
public static class MatrixMarket
{
    /// <param name="zeros">Whether coordinate entries with the value zero stay in the pattern. The zeros of an array
    /// file are never entries: array files list every value, so their zeros say nothing about a pattern.</param>
    /// <exception cref="MatrixMarketFormatException">The file is not a Matrix Market matrix that can be read.</exception>
    public static CsrMatrix<T> Read<T>(Stream stream, ExplicitZeros zeros = ExplicitZeros.Keep) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var lines = Utf8LineReader.Open(stream, leaveOpen: true);
        var header = MatrixMarketHeaderParser.Read(lines);
        return MatrixMarketEntryReader.Read<T>(lines, header).ToCsr(zeros);
    }

    /// <inheritdoc cref="Read{T}(Stream, ExplicitZeros)"/>
    public static CsrMatrix<T> Read<T>(string path, ExplicitZeros zeros = ExplicitZeros.Keep) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var file = OpenRead(path);
        return Read<T>(file, zeros);
    }

    /// <summary>The banner and size line only, to decide what to do with a matrix before reading it.</summary>
    /// <exception cref="MatrixMarketFormatException">The banner or size line is malformed.</exception>
    public static MatrixMarketHeader ReadHeader(Stream stream)
    {
        using var lines = Utf8LineReader.Open(stream, leaveOpen: true);
        return MatrixMarketHeaderParser.Read(lines);
    }

    /// <inheritdoc cref="ReadHeader(Stream)"/>
    public static MatrixMarketHeader ReadHeader(string path)
    {
        using var file = OpenRead(path);
        return ReadHeader(file);
    }

    /// <summary>
    /// A vector (a right-hand side, a solution) from a one-column matrix: an <c>array</c> file as every solver tool
    /// writes it, or a <c>coordinate</c> file, whose missing entries are zero.
    /// </summary>
    /// <exception cref="MatrixMarketFormatException">The file is malformed or has more than one column.</exception>
    public static T[] ReadVector<T>(Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var lines = Utf8LineReader.Open(stream, leaveOpen: true);
        var header = MatrixMarketHeaderParser.Read(lines);
        if (header.Columns != 1)
            throw new MatrixMarketFormatException(lines.LineNumber, $"a vector has one column, but the size line says {header.Rows}×{header.Columns}.");
        var column = MatrixMarketEntryReader.Read<T>(lines, header).ToCsr(ExplicitZeros.Drop);
        var vector = new T[header.Rows];
        for (var row = 0; row < vector.Length; row++)
        {
            if (column.RowPointers[row + 1] > column.RowPointers[row])
                vector[row] = column.Values[column.RowPointers[row]];
        }
        return vector;
    }

    /// <inheritdoc cref="ReadVector{T}(Stream)"/>
    public static T[] ReadVector<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var file = OpenRead(path);
        return ReadVector<T>(file);
    }

    /// <summary>Writes uncompressed text; values in their shortest round-trip form, in the invariant culture.</summary>
    /// <exception cref="ArgumentException">The options cannot hold the matrix (not symmetric, not integer, NaN, …); nothing is written.</exception>
    public static void Write<T>(Stream stream, CsrMatrix<T> matrix, MatrixMarketWriteOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matrix);
        var resolved = options ?? new MatrixMarketWriteOptions();
        MatrixMarketWriter.RequireRepresentable(matrix, resolved);
        MatrixMarketWriter.WriteRepresentable(stream, matrix, resolved);
    }

    /// <summary>Writes the file, gzip-compressed when its name ends in <c>.gz</c>.</summary>
    /// <inheritdoc cref="Write{T}(Stream, CsrMatrix{T}, MatrixMarketWriteOptions?)"/>
    public static void Write<T>(string path, CsrMatrix<T> matrix, MatrixMarketWriteOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var resolved = options ?? new MatrixMarketWriteOptions();
        MatrixMarketWriter.RequireRepresentable(matrix, resolved);
        using var file = OpenWrite(path);
        MatrixMarketWriter.WriteRepresentable(file, matrix, resolved);
    }

    /// <summary>Writes a vector as a one-column <c>array real general</c> file.</summary>
    /// <exception cref="ArgumentException">An element is NaN or infinite; nothing is written.</exception>
    public static void WriteVector<T>(Stream stream, ReadOnlySpan<T> vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        MatrixMarketWriter.RequireFinite(vector);
        MatrixMarketWriter.WriteFiniteVector(stream, vector);
    }

    /// <summary>Writes the vector's file, gzip-compressed when its name ends in <c>.gz</c>.</summary>
    /// <inheritdoc cref="WriteVector{T}(Stream, ReadOnlySpan{T})"/>
    public static void WriteVector<T>(string path, ReadOnlySpan<T> vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixMarketWriter.RequireFinite(vector);
        using var file = OpenWrite(path);
        MatrixMarketWriter.WriteFiniteVector(file, vector);
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private static Stream OpenWrite(string path)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Optimal) : file;
    }
}
