namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>How a matrix is written; the default is what every reader understands: coordinate, real, general.</summary>
public sealed record MatrixMarketWriteOptions
{
    public MatrixMarketFormat Format { get; init; } = MatrixMarketFormat.Coordinate;

    /// <summary>Integer needs every value to be a whole number; pattern drops the values (coordinate only).</summary>
    public MatrixMarketField Field { get; init; } = MatrixMarketField.Real;

    /// <summary>Symmetric and skew-symmetric store one triangle, and need the matrix to be exactly that.</summary>
    public MatrixMarketSymmetry Symmetry { get; init; } = MatrixMarketSymmetry.General;

    /// <summary>Written after the banner, each line prefixed with <c>%</c>.</summary>
    public string? Comment { get; init; }
}
