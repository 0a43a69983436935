namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

/// <summary>
/// Whether an entry whose value is zero (as given, or after its duplicates were summed) stays in the pattern. Keeping
/// it preserves a pattern a file or a stencil states on purpose; dropping it gives the smallest matrix.
/// </summary>
public enum ExplicitZeros
{
    Keep,
    Drop,
}
