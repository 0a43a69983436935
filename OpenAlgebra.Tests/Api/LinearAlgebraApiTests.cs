using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Tests.Infrastructure;
using OpenAlgebra.Tests.LinearAlgebra.Surfaces;

namespace OpenAlgebra.Tests.Api;

public sealed class LinearAlgebraApiTests : AppTest
{
    [Fact]
    public async Task A_small_system_is_solved_at_once_with_x_in_the_answer_and_as_a_download()
    {
        var clinician = await App.ClinicianAsync();

        var response = await clinician.PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(10), null, ("precond", "ic0"), ("tol", "1e-10"), ("backend", "cpu")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Succeeded", body.GetProperty("state").GetString());
        Assert.Equal((100, 100, 460L), (body.GetProperty("rows").GetInt32(), body.GetProperty("columns").GetInt32(), body.GetProperty("nonZeros").GetInt64()));
        Assert.Equal(("cg", "ic0", "cpu", 1e-10), (body.GetProperty("solver").GetString(), body.GetProperty("precond").GetString(),
            body.GetProperty("backend").GetString(), body.GetProperty("tol").GetDouble()));
        var result = body.GetProperty("result");
        Assert.True(result.GetProperty("converged").GetBoolean());
        Assert.InRange(result.GetProperty("relativeResidual").GetDouble(), 0, 1e-10);
        Assert.Equal("cpu", result.GetProperty("backend").GetString());
        var x = body.GetProperty("solution").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(100, x.Length);
        Assert.All(x, v => Assert.Equal(1.0, v, 1e-8));

        var url = body.GetProperty("url").GetString()!;
        var job = await clinician.GetFromJsonAsync<JsonElement>(url, Ct);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("solution").ValueKind);
        var download = await clinician.GetAsync(body.GetProperty("solutionUrl").GetString(), Ct);
        Assert.Equal($"{body.GetProperty("id").GetString()}-solution.mtx", download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(x, SurfaceSystems.Vector(await download.Content.ReadAsByteArrayAsync(Ct)));
    }

    [Fact]
    public async Task A_long_solution_is_left_out_of_the_answer_but_can_be_downloaded()
    {
        await using var app = new AppFactory(Database, new() { ["OpenAlgebra:LinearAlgebra:InlineSolutionMaxLength"] = "99" });
        var clinician = await app.ClinicianAsync();

        var body = await (await clinician.PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(10)), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(JsonValueKind.Null, body.GetProperty("solution").ValueKind);
        var download = await clinician.GetByteArrayAsync(body.GetProperty("solutionUrl").GetString(), Ct);
        Assert.Equal(100, SurfaceSystems.Vector(download).Length);
    }

    [Fact]
    public async Task A_large_system_is_queued_on_the_gpu_queue_and_its_job_reports_the_result()
    {
        await using var app = new AppFactory(Database, new() { ["OpenAlgebra:LinearAlgebra:InlineMaxNonZeros"] = "1000" });
        var clinician = await app.ClinicianAsync();
        var a = ModelProblems.RandomSparse(400, 4, seed: 3);
        var b = SurfaceSystems.RandomVector(400, seed: 4);

        var response = await clinician.PostAsync("/api/linalg/solve", Upload(a, b, ("solver", "bicgstab"), ("precond", "jacobi"), ("maxIter", "500")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(queued.GetProperty("url").GetString(), response.Headers.Location?.OriginalString);
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("result").ValueKind);
        var job = await FinishedAsync(clinician, response.Headers.Location!.OriginalString);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.True(job.GetProperty("result").GetProperty("converged").GetBoolean());
        Assert.Equal(500, job.GetProperty("maxIter").GetInt32());
        var x = SurfaceSystems.Vector(await clinician.GetByteArrayAsync(job.GetProperty("solutionUrl").GetString(), Ct));
        Assert.InRange(SurfaceSystems.RelativeResidual(a, x, b), 0, 1e-8);
        var hangfireJob = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi()
            .JobDetails(await Database.ScalarAsync<string>("SELECT job_id FROM linalg_jobs"));
        // The queue travels on the job itself (Hangfire 1.8), so it is the gpu server that processed it.
        Assert.Contains(":gpu:", Assert.Single(hangfireJob.History, h => h.StateName == "Processing").Data["ServerId"], StringComparison.Ordinal);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM linalg_jobs WHERE matrix_key IS NOT NULL OR rhs_key IS NOT NULL"));
    }

    [Fact]
    public async Task A_queued_job_that_cannot_be_solved_fails_with_the_reason()
    {
        await using var app = new AppFactory(Database, new() { ["OpenAlgebra:LinearAlgebra:InlineMaxNonZeros"] = "0" });
        var clinician = await app.ClinicianAsync();

        var response = await clinician.PostAsync("/api/linalg/solve", Upload(SurfaceSystems.ZeroPivot(6), null, ("solver", "gmres"), ("precond", "ilu0")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await FinishedAsync(clinician, response.Headers.Location!.OriginalString);
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        Assert.Contains("row 0", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("solutionUrl").ValueKind);
    }

    [Theory]
    [InlineData("matrix", "%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n", "matrix (bad.mtx): Line 3: row index 3 is outside 1..2")]
    [InlineData("rhs", "%%MatrixMarket matrix array real general\n2 1\n1.0\n", "rhs (bad.mtx): Line 4: ")]
    public async Task A_malformed_upload_is_a_400_naming_the_part_and_the_line(string part, string text, string detail)
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(part == "matrix" ? System.Text.Encoding.ASCII.GetBytes(text) : SurfaceSystems.Bytes(ModelProblems.Poisson2D(2))),
            "matrix", part == "matrix" ? "bad.mtx" : "A.mtx");
        if (part == "rhs")
        {
            content.Add(new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(text)), "rhs", "bad.mtx");
        }

        var problem = await ProblemAsync(await (await App.ClinicianAsync()).PostAsync("/api/linalg/solve", content, Ct), HttpStatusCode.BadRequest);

        Assert.Equal("Malformed Matrix Market file", problem.GetProperty("title").GetString());
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("solver", "qr", "solver: unknown solver 'qr'; solvers are cg, bicgstab, gmres, minres, cgls, lsqr.")]
    [InlineData("tol", "2", "The tolerance must lie strictly between 0 and 1, not 2.")]
    [InlineData("maxIter", "many", "maxIter: 'many' is not a whole number.")]
    [InlineData("max-iter", "5", "Unknown field 'max-iter'; the fields are solver, precond, tol, maxIter, backend.")]
    [InlineData("precond", "ilu0", "CG needs a symmetric positive definite preconditioner, and ILU(0) is not symmetric")]
    public async Task A_bad_option_is_a_400_naming_it(string field, string value, string detail)
    {
        var response = await (await App.ClinicianAsync()).PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(3), null, (field, value)), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_matrix_or_a_form_is_a_400()
    {
        var clinician = await App.ClinicianAsync();

        var noMatrix = await clinician.PostAsync("/api/linalg/solve", new MultipartFormDataContent { { new StringContent("cg"), "solver" } }, Ct);
        var json = await clinician.PostAsJsonAsync("/api/linalg/solve", new { solver = "cg" }, Ct);

        Assert.Contains("'matrix' is missing", (await ProblemAsync(noMatrix, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("multipart/form-data", (await ProblemAsync(json, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_upload_limit_is_413_naming_the_setting()
    {
        await using var app = new AppFactory(Database, new() { ["OpenAlgebra:LinearAlgebra:MaxUploadBytes"] = "4000" });

        var response = await (await app.ClinicianAsync()).PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(20)), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("OpenAlgebra:LinearAlgebra:MaxUploadBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clinicians_and_Ops_solve_other_roles_and_strangers_do_not_and_a_job_is_its_owners_alone()
    {
        var clinician = await App.ClinicianAsync();
        var ops = await App.AdminAsync(); // the first administrator holds Admin and Ops
        await App.Services.GetRequiredService<IAccountService>().CreateUserAsync("auditor", [Roles.Admin], AppFactory.ClinicianPassword, AuditActor.System, Ct);
        var adminOnly = await App.SignedInAsync("auditor", AppFactory.ClinicianPassword);

        var mine = await (await clinician.PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(3)), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var theirs = await ops.PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(3)), Ct);

        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminOnly.PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(3)), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.NewClient().PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(3)), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync(mine.GetProperty("url").GetString(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync(mine.GetProperty("solutionUrl").GetString(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/api/linalg/jobs/nothing-here", Ct)).StatusCode);
    }

    [Fact]
    public async Task Finished_solves_are_removed_after_the_retention_period_by_the_next_submission()
    {
        var clinician = await App.ClinicianAsync();
        var old = await (await clinician.PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(3)), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = await Database.ScalarAsync<string>("SELECT solution_key FROM linalg_jobs");

        // Finished eight days ago by the app's clock (moving the clock itself would end the session too).
        await Database.ExecuteAsync("UPDATE linalg_jobs SET finished_at = @at",
            new { at = Modules.Platform.Timestamps.ToText(App.Clock.GetUtcNow() - TimeSpan.FromDays(8)) });
        await clinician.PostAsync("/api/linalg/solve", Upload(ModelProblems.Poisson2D(3)), Ct);

        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync(old.GetProperty("url").GetString(), Ct)).StatusCode);
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM linalg_jobs"));
        Assert.Null(await App.Services.GetRequiredService<IBlobStore>().OpenReadAsync(key, Ct));
    }

    internal static MultipartFormDataContent Upload(CsrMatrix<double> a, double[]? b = null, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(SurfaceSystems.Bytes(a)), "matrix", "A.mtx" } };
        if (b is not null)
        {
            content.Add(new ByteArrayContent(SurfaceSystems.Bytes(b)), "rhs", "b.mtx");
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    internal static async Task<JsonElement> FinishedAsync(HttpClient client, string url)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(url, Ct);
            if (job.GetProperty("state").GetString() is "Succeeded" or "Failed")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} is still {job.GetProperty("state").GetString()} after two minutes.");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
