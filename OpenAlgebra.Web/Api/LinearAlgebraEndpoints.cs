using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.IO;
using OpenAlgebra.Modules.LinearAlgebra.Jobs;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Web.Auth;
using OpenAlgebra.Web.Solving;

namespace OpenAlgebra.Web.Api;

/// <summary>
/// <c>/api/linalg</c>: sparse solves for Clinicians (analyses of their own) and Ops (checking the engine on a server).
/// Each solve belongs to the user who asked for it; another user's job id answers 404.
/// </summary>
internal static class LinearAlgebraEndpoints
{
    private const string MaxUploadKey = $"{LinearAlgebraOptions.Section}:{nameof(LinearAlgebraOptions.MaxUploadBytes)}";
    private static readonly string[] Fields = ["solver", "precond", "tol", "maxIter", "backend"];
    private static readonly string[] Files = ["matrix", "rhs"];

    /// <summary>A solve as the API shows it.</summary>
    /// <param name="Solution">x itself: only in the answer to a solve that ran at once, and only up to
    /// <see cref="LinearAlgebraOptions.InlineSolutionMaxLength"/> unknowns; <paramref name="SolutionUrl"/> always serves it.</param>
    public sealed record SolveJobView(string Id, SolveJobState State, string Url, int Rows, int Columns, long NonZeros, string Solver, string Precond,
        double Tol, int MaxIter, string Backend, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, SolveReport? Result,
        string? Error, string? SolutionUrl, double[]? Solution)
    {
        public static SolveJobView Of(SolveJob job, double[]? solution) => new(job.Id, job.State, JobUrl(job.Id), job.Rows, job.Columns, job.NonZeros,
            SolveOptionNames.Of(job.Solver), SolveOptionNames.Of(job.Preconditioner), job.Tolerance, job.MaxIterations, SolveOptionNames.Of(job.Backend),
            job.CreatedAt, job.StartedAt, job.FinishedAt, job.Result is null ? null : SolveReport.Of(job.Result), job.Error,
            job.HasSolution ? JobUrl(job.Id) + "/solution" : null, solution);
    }

    public static void MapLinearAlgebraEndpoints(this IEndpointRouteBuilder app)
    {
        var linalg = app.MapGroup("/api/linalg").WithTags("Linear algebra").RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Ops));
        linalg.MapPost("/solve", SolveAsync);
        linalg.MapGet("/jobs/{id}", GetAsync);
        linalg.MapGet("/jobs/{id}/solution", SolutionAsync);
    }

    /// <summary>
    /// <c>POST /api/linalg/solve</c>, multipart: the file part <c>matrix</c> (A, Matrix Market), optionally <c>rhs</c> (b;
    /// without it b = A·1) and the fields <c>solver</c>, <c>precond</c>, <c>tol</c>, <c>maxIter</c>, <c>backend</c>. A system
    /// up to <see cref="LinearAlgebraOptions.InlineMaxNonZeros"/> entries is solved at once (200); a larger one is queued
    /// (202 with its Location). A malformed file is a 400 naming the part and the line.
    /// </summary>
    private static async Task<Results<Ok<SolveJobView>, Accepted<SolveJobView>, ProblemHttpResult>> SolveAsync(HttpContext context,
        ISolveRequests requests, IOptions<LinearAlgebraOptions> options)
    {
        var limits = options.Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = limits.MaxUploadBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            return BadRequest("Not a form", "Send multipart/form-data with A as a Matrix Market file in the part 'matrix'.");
        }

        context.Request.Body = new LimitedRequestBody(context.Request.Body, limits.MaxUploadBytes, MaxUploadKey);
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxUploadBytes }, context.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            return BadRequest("Malformed form", e.Message);
        }

        if (Unexpected(form) is { } unexpected)
        {
            return BadRequest("Unknown form part", unexpected);
        }

        if (form.Files.GetFile("matrix") is not { } matrixFile)
        {
            return BadRequest("No matrix", "The part 'matrix' is missing: send A as a Matrix Market file in it.");
        }

        var matrix = Read(matrixFile, stream => MatrixMarket.Read<double>(stream));
        if (matrix.Problem is { } badMatrix)
        {
            return badMatrix;
        }

        double[]? b = null;
        if (form.Files.GetFile("rhs") is { } rhsFile)
        {
            var rhs = Read(rhsFile, MatrixMarket.ReadVector<double>);
            if (rhs.Problem is { } badRhs)
            {
                return badRhs;
            }

            b = rhs.Value;
        }

        SolveSubmission submission;
        try
        {
            var solve = new SolveOptionsText(form["solver"], form["precond"], form["tol"], form["maxIter"], form["backend"]).ToOptions(field => field);
            submission = await requests.SubmitAsync(new SolveRequest(matrix.Value!, b, solve, context.User.UserId()), context.RequestAborted);
        }
        catch (ArgumentException e)
        {
            return BadRequest("Cannot solve this", ArgumentMessages.Of(e));
        }

        var inline = submission.Solution is { } x && x.Length <= limits.InlineSolutionMaxLength ? x : null;
        var view = SolveJobView.Of(submission.Job, inline);
        return submission.Solution is null ? TypedResults.Accepted(view.Url, view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<SolveJobView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, ISolveRequests requests) =>
        await requests.GetAsync(id, context.User.UserId(), context.RequestAborted) is { } job
            ? TypedResults.Ok(SolveJobView.Of(job, null))
            : NotFound($"No solve job '{id}' of yours.");

    /// <summary>x as a Matrix Market array file, once the job has succeeded.</summary>
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> SolutionAsync(string id, HttpContext context, ISolveRequests requests) =>
        await requests.OpenSolutionAsync(id, context.User.UserId(), context.RequestAborted) is { } solution
            ? TypedResults.Stream(solution, "text/plain; charset=utf-8", $"{id}-solution.mtx")
            : NotFound($"No solution for solve job '{id}': it is not yours, does not exist, or has not succeeded (yet).");

    private static string? Unexpected(IFormCollection form)
    {
        var field = form.Keys.FirstOrDefault(k => !Fields.Contains(k, StringComparer.Ordinal));
        if (field is not null)
        {
            return $"Unknown field '{field}'; the fields are {string.Join(", ", Fields)}.";
        }

        var file = form.Files.FirstOrDefault(f => !Files.Contains(f.Name, StringComparer.Ordinal) || form.Files.GetFiles(f.Name).Count > 1);
        return file is null ? null : $"Unexpected file part '{file.Name}'; send one 'matrix' and at most one 'rhs'.";
    }

    private static (T? Value, ProblemHttpResult? Problem) Read<T>(IFormFile file, Func<Stream, T> read) where T : class
    {
        using var stream = file.OpenReadStream();
        try
        {
            return (read(stream), null);
        }
        catch (MatrixMarketFormatException e)
        {
            return (null, BadRequest("Malformed Matrix Market file", $"{file.Name} ({file.FileName}): {e.Message}"));
        }
    }

    private static string JobUrl(string id) => $"/api/linalg/jobs/{id}";

    private static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
