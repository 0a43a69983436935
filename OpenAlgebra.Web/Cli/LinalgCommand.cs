using System.CommandLine;
using System.Text.Json;
using OpenAlgebra.Modules.LinearAlgebra.IO;
using OpenAlgebra.Modules.LinearAlgebra.Jobs;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Web.Solving;

namespace OpenAlgebra.Web.Cli;

/// <summary>
/// <c>linalg solve &lt;A.mtx&gt; [--rhs b.mtx] [--solver …] [--precond …] [--tol …] [--max-iter …] [--backend …] [--out x.mtx]</c>:
/// one solve on the engine the server uses, one JSON line on stdout. Exit 0 when it converged; 1 when it did not, or a
/// file could not be read or solved (the line at fault on stderr); 2 for bad usage.
/// </summary>
internal static class LinalgCommand
{
    public static Command Build(CommandContext context)
    {
        var matrix = new Argument<string>("A.mtx") { Description = "A, as a Matrix Market file (coordinate or array; .gz read too)." };
        var rhs = new Option<string?>("--rhs") { Description = "b, as a one-column Matrix Market file. Without it b = A·1, whose exact solution is x = 1." };
        var solver = new Option<string?>("--solver") { Description = $"{string.Join("|", SolveOptionNames.Solvers)} (default cg)." };
        var precond = new Option<string?>("--precond") { Description = $"{string.Join("|", SolveOptionNames.Preconditioners)} (default none)." };
        var tol = new Option<string?>("--tol") { Description = "Stop at ‖b − A·x‖₂ / ‖b‖₂ ≤ tol (‖Aᵀr‖₂ / ‖Aᵀb‖₂ for cgls, lsqr); default 1e-8." };
        var maxIter = new Option<string?>("--max-iter") { Description = "Iteration limit (default 10000)." };
        var backend = new Option<string?>("--backend")
        {
            Description = $"{string.Join("|", SolveOptionNames.Backends)}; auto follows OpenAlgebra:LinearAlgebra:Backend (the GPU when present).",
        };
        var output = new Option<string?>("--out") { Description = "Writes x there as a Matrix Market array file (.gz compresses)." };
        var solve = new Command("solve", "Solve A·x = b (least squares with cgls, lsqr) and print converged, iterations, relativeResidual, seconds, backend, solver, precond and reason as one JSON line.")
        {
            matrix, rhs, solver, precond, tol, maxIter, backend, output,
        };
        solve.SetAction((parse, cancellationToken) => SolveAsync(context, parse.GetValue(matrix)!, parse.GetValue(rhs),
            new SolveOptionsText(parse.GetValue(solver), parse.GetValue(precond), parse.GetValue(tol), parse.GetValue(maxIter), parse.GetValue(backend)),
            parse.GetValue(output), cancellationToken));
        return new Command("linalg", "The sparse linear algebra engine.") { solve };
    }

    private static async Task<int> SolveAsync(CommandContext context, string matrixPath, string? rhsPath, SolveOptionsText text, string? outPath,
        CancellationToken cancellationToken)
    {
        SolveOptions options;
        try
        {
            options = text.ToOptions(field => field == "maxIter" ? "--max-iter" : $"--{field}");
        }
        catch (ArgumentException e)
        {
            return await FailAsync(context, ArgumentMessages.Of(e), 2);
        }

        if ((Missing(matrixPath) ?? Missing(rhsPath) ?? MissingFolder(outPath)) is { } usage)
        {
            return await FailAsync(context, usage, 2);
        }

        try
        {
            var a = Read(matrixPath, path => MatrixMarket.Read<double>(path));
            var b = rhsPath is null ? ManufacturedRightHandSide.For(a) : Read(rhsPath, MatrixMarket.ReadVector<double>);
            SolveResult result;
            using (var services = context.LinearAlgebraServices())
            {
                result = services.GetRequiredService<ILinearSolver>().Solve(a, b, options, cancellationToken);
            }

            await context.Output.WriteLineAsync(JsonSerializer.Serialize(SolveReport.Of(SolveSummary.Of(result)), JsonSerializerOptions.Web));
            if (outPath is not null)
            {
                MatrixMarket.WriteVector<double>(outPath, result.Solution);
            }

            return result.Converged ? 0 : await FailAsync(context, $"no convergence: {result.Reason}", 1);
        }
        catch (ArgumentException e)
        {
            return await FailAsync(context, ArgumentMessages.Of(e), 1);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException
            or Microsoft.Extensions.Options.OptionsValidationException)
        {
            return await FailAsync(context, e.Message, 1);
        }
    }

    /// <summary>Reads a file, naming it in a format error: the error itself names only the line.</summary>
    private static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (MatrixMarketFormatException e)
        {
            throw new InvalidOperationException($"{path}: {e.Message}", e);
        }
    }

    private static string? Missing(string? path) => path is null || File.Exists(path) ? null : $"{path}: no such file.";

    private static string? MissingFolder(string? path) =>
        path is null || Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))) ? null : $"--out {path}: its folder does not exist.";

    private static async Task<int> FailAsync(CommandContext context, string message, int exitCode)
    {
        await context.Error.WriteLineAsync($"error: {message}");
        return exitCode;
    }
}
