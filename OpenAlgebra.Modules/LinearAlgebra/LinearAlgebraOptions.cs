using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Modules.LinearAlgebra;

/// <summary><c>OpenAlgebra:LinearAlgebra</c>: where solves run unless a solve asks for a backend itself.</summary>
public sealed class LinearAlgebraOptions
{
    public const string Section = "OpenAlgebra:LinearAlgebra";

    /// <summary><c>auto</c> (the GPU when a CUDA device is present, else the CPU), <c>cpu</c> or <c>gpu</c>.</summary>
    public BackendPreference Backend { get; set; } = BackendPreference.Auto;
}
