namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>How the entries are listed: <c>coordinate</c> (row, column, value triples) or <c>array</c> (every value, column by column).</summary>
public enum MatrixMarketFormat
{
    Coordinate,
    Array,
}

/// <summary>
/// The type of the values. <c>complex</c> is not supported and is refused when read; <c>pattern</c> stores no values
/// (each entry reads as 1) and exists only in coordinate format.
/// </summary>
// The members are the format's own qualifier names.
#pragma warning disable CA1720
public enum MatrixMarketField
{
    Real,
    Integer,
    Pattern,
}
#pragma warning restore CA1720

/// <summary>
/// Which entries the file stores. Symmetric files hold the lower triangle with the diagonal, skew-symmetric ones the
/// strict lower triangle (the diagonal is zero). A real <c>hermitian</c> matrix is symmetric, so such files read as
/// symmetric; it is never written, since the qualifier only means more than symmetric for complex values.
/// </summary>
public enum MatrixMarketSymmetry
{
    General,
    Symmetric,
    SkewSymmetric,
    Hermitian,
}
