using System.Globalization;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Web.Solving;

/// <summary>
/// Solve options as the command line and the API receive them, as text; unset ones take the defaults (cg, none, 1e-8,
/// 10,000 iterations, auto). Errors name the field the way the surface spells it.
/// </summary>
internal sealed record SolveOptionsText(string? Solver, string? Precond, string? Tol, string? MaxIter, string? Backend)
{
    /// <param name="spell">How the surface spells a field given its API name: <c>maxIter</c> → <c>--max-iter</c> on the command line.</param>
    /// <exception cref="ArgumentException">A field holds an unknown name or no number; the message starts with the field.</exception>
    public SolveOptions ToOptions(Func<string, string> spell)
    {
        var defaults = new SolveOptions();
        return new SolveOptions
        {
            Solver = Named(Solver, spell("solver"), SolveOptionNames.ParseSolver, defaults.Solver),
            Preconditioner = Named(Precond, spell("precond"), SolveOptionNames.ParsePreconditioner, defaults.Preconditioner),
            Backend = Named(Backend, spell("backend"), SolveOptionNames.ParseBackend, defaults.Backend),
            Tolerance = string.IsNullOrWhiteSpace(Tol) ? defaults.Tolerance
                : double.TryParse(Tol, NumberStyles.Float, CultureInfo.InvariantCulture, out var tolerance) ? tolerance
                : throw new ArgumentException($"{spell("tol")}: '{Tol}' is not a number such as 1e-8."),
            MaxIterations = string.IsNullOrWhiteSpace(MaxIter) ? defaults.MaxIterations
                : int.TryParse(MaxIter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var iterations) ? iterations
                : throw new ArgumentException($"{spell("maxIter")}: '{MaxIter}' is not a whole number."),
        };
    }

    private static T Named<T>(string? value, string field, Func<string, T> parse, T fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        try
        {
            return parse(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{field}: {e.Message}", e);
        }
    }
}
