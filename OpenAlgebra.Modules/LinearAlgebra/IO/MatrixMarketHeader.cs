namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>
/// What a file's banner and size line declare: enough to decide how to handle a matrix before reading its entries.
/// </summary>
/// <param name="StoredEntries">The entry lines that follow: the size line's count for coordinate files, the values of
/// the stored triangle (or all of them) for array files. A symmetric matrix holds up to twice this many entries.</param>
public sealed record MatrixMarketHeader(
    MatrixMarketFormat Format,
    MatrixMarketField Field,
    MatrixMarketSymmetry Symmetry,
    int Rows,
    int Columns,
    long StoredEntries);
