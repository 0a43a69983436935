using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Modules.LinearAlgebra;

/// <summary>
/// <c>OpenAlgebra:LinearAlgebra</c>: where solves run unless a solve asks for a backend itself, and how solves requested
/// through the API are handled.
/// </summary>
public sealed class LinearAlgebraOptions
{
    public const string Section = "OpenAlgebra:LinearAlgebra";

    /// <summary><c>auto</c> (the GPU when a CUDA device is present, else the CPU), <c>cpu</c> or <c>gpu</c>.</summary>
    public BackendPreference Backend { get; set; } = BackendPreference.Auto;

    /// <summary>
    /// A requested solve whose A stores at most this many entries runs during the request and is answered at once; a
    /// larger one runs as a job on the <c>gpu</c> queue. 200,000 entries solve in well under a second on the CPU.
    /// </summary>
    public int InlineMaxNonZeros { get; set; } = 200_000;

    /// <summary>An answer carries x itself up to this many unknowns; a longer x is only a download.</summary>
    public int InlineSolutionMaxLength { get; set; } = 10_000;

    /// <summary>The largest request <c>POST /api/linalg/solve</c> takes, matrix, right-hand side and fields together.</summary>
    public long MaxUploadBytes { get; set; } = 512L << 20;

    /// <summary>Days a finished solve (its result and solution) is kept before the next submission removes it.</summary>
    public int RetentionDays { get; set; } = 7;

    internal IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Backend))
            yield return $"{Section}:{nameof(Backend)} must be auto, cpu or gpu.";
        if (InlineMaxNonZeros < 0)
            yield return $"{Section}:{nameof(InlineMaxNonZeros)} must be 0 (every solve is a job) or more, not {InlineMaxNonZeros}.";
        if (InlineSolutionMaxLength < 0)
            yield return $"{Section}:{nameof(InlineSolutionMaxLength)} must be 0 (never inline) or more, not {InlineSolutionMaxLength}.";
        if (MaxUploadBytes < 1)
            yield return $"{Section}:{nameof(MaxUploadBytes)} must be positive, not {MaxUploadBytes}.";
        if (RetentionDays < 1)
            yield return $"{Section}:{nameof(RetentionDays)} must be at least 1, not {RetentionDays}.";
    }
}
