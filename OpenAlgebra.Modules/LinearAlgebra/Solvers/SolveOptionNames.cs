namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// The names by which the command line and the API spell solvers, preconditioners and backends (<c>cg</c>,
/// <c>bicgstab</c>, <c>ilu0</c>, <c>auto</c>, …): the lower-case enum names, one spelling everywhere.
/// </summary>
public static class SolveOptionNames
{
    public static IReadOnlyList<string> Solvers { get; } = Names<SolverKind>();

    public static IReadOnlyList<string> Preconditioners { get; } = Names<PreconditionerKind>();

    public static IReadOnlyList<string> Backends { get; } = Names<BackendPreference>();

    /// <exception cref="ArgumentException">Not one of <see cref="Solvers"/>; the message lists them.</exception>
    public static SolverKind ParseSolver(string name) => Parse<SolverKind>(name, "solver", Solvers);

    /// <exception cref="ArgumentException">Not one of <see cref="Preconditioners"/>; the message lists them.</exception>
    public static PreconditionerKind ParsePreconditioner(string name) => Parse<PreconditionerKind>(name, "preconditioner", Preconditioners);

    /// <exception cref="ArgumentException">Not one of <see cref="Backends"/>; the message lists them.</exception>
    public static BackendPreference ParseBackend(string name) => Parse<BackendPreference>(name, "backend", Backends);

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static string[] Names<TEnum>() where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Of)];

    private static TEnum Parse<TEnum>(string name, string what, IReadOnlyList<string> names) where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        // Names only: Enum.TryParse would also take "1" or "Cg, Gmres".
        return names.Contains(trimmed.ToLowerInvariant(), StringComparer.Ordinal)
            ? Enum.Parse<TEnum>(trimmed, ignoreCase: true)
            : throw new ArgumentException($"unknown {what} '{name}'; {what}s are {string.Join(", ", names)}.");
    }
}
