using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.LinearAlgebra.Surfaces;
using OpenAlgebra.Web.Cli;

namespace OpenAlgebra.Tests.Cli;

public sealed class LinalgCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("openalgebra-linalg-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_right_hand_side_b_is_A_times_ones_so_x_is_ones_and_one_JSON_line_reports_the_solve()
    {
        var a = Write("A.mtx", ModelProblems.Poisson2D(20));
        var output = Path.Combine(_root, "x.mtx");

        var result = await RunAsync("linalg", "solve", a, "--precond", "jacobi", "--backend", "cpu", "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.InRange(json.GetProperty("iterations").GetInt32(), 10, 80);
        Assert.InRange(json.GetProperty("relativeResidual").GetDouble(), 0, 1e-8);
        Assert.True(json.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(("cpu", "cg", "jacobi", JsonValueKind.Null), (json.GetProperty("backend").GetString(), json.GetProperty("solver").GetString(),
            json.GetProperty("precond").GetString(), json.GetProperty("reason").ValueKind));
        Assert.All(SurfaceSystems.Vector(await File.ReadAllBytesAsync(output, Ct)), v => Assert.Equal(1.0, v, 1e-6));
    }

    [Fact]
    public async Task A_given_right_hand_side_is_solved_by_the_chosen_solver_and_preconditioner()
    {
        var matrix = ModelProblems.RandomSparse(300, 4, seed: 7);
        var b = SurfaceSystems.RandomVector(300, seed: 8);
        var a = Write("A.mtx", matrix);
        var rhs = Path.Combine(_root, "b.mtx");
        await File.WriteAllBytesAsync(rhs, SurfaceSystems.Bytes(b), Ct);
        var output = Path.Combine(_root, "x.mtx.gz");

        var result = await RunAsync("linalg", "solve", a, "--rhs", rhs, "--solver", "gmres", "--precond", "ilu0", "--tol", "1e-10", "--out", output);

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(("gmres", "ilu0"), (json.GetProperty("solver").GetString(), json.GetProperty("precond").GetString()));
        var x = Modules.LinearAlgebra.IO.MatrixMarket.ReadVector<double>(output);
        Assert.InRange(SurfaceSystems.RelativeResidual(matrix, x, b), 0, 1e-9);
    }

    [Fact]
    public async Task Not_converging_prints_the_result_and_exits_1_with_the_reason()
    {
        var a = Write("A.mtx", ModelProblems.Poisson2D(30));

        var result = await RunAsync("linalg", "solve", a, "--max-iter", "3");

        Assert.Equal(1, result.ExitCode);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.False(json.GetProperty("converged").GetBoolean());
        Assert.Equal(3, json.GetProperty("iterations").GetInt32());
        Assert.StartsWith("error: no convergence: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("within 3 iterations", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--solver", "qr", "error: --solver: unknown solver 'qr'; solvers are cg, bicgstab, gmres, minres, cgls, lsqr.")]
    [InlineData("--precond", "ilu", "error: --precond: unknown preconditioner 'ilu'; preconditioners are none, jacobi, ilu0, ic0, ssor, amg.")]
    [InlineData("--backend", "tpu", "error: --backend: unknown backend 'tpu'; backends are auto, cpu, gpu.")]
    [InlineData("--tol", "tiny", "error: --tol: 'tiny' is not a number such as 1e-8.")]
    [InlineData("--max-iter", "1.5", "error: --max-iter: '1.5' is not a whole number.")]
    [InlineData("--rhs", "missing.mtx", "missing.mtx: no such file.")]
    public async Task Bad_usage_exits_2_naming_the_option(string option, string value, string message)
    {
        var a = Write("A.mtx", ModelProblems.Poisson2D(4));

        var result = await RunAsync("linalg", "solve", a, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("--tol", "2", "error: The tolerance must lie strictly between 0 and 1, not 2.")]
    [InlineData("--precond", "ilu0", "error: CG needs a symmetric positive definite preconditioner, and ILU(0) is not symmetric")]
    public async Task Options_the_solver_refuses_exit_1_with_its_reason_and_no_parameter_name(string option, string value, string message)
    {
        var a = Write("A.mtx", ModelProblems.Poisson2D(4));

        var result = await RunAsync("linalg", "solve", a, option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_file_exits_1_naming_the_file_and_the_line()
    {
        var a = Path.Combine(_root, "bad.mtx");
        await File.WriteAllTextAsync(a, "%%MatrixMarket matrix coordinate real general\n% a comment\n3 3 2\n1 1 1.0\n0 2 1.0\n", Ct);

        var result = await RunAsync("linalg", "solve", a);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {a}: Line 5: row index 0 is outside 1..3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_right_hand_side_of_the_wrong_length_exits_1_saying_so()
    {
        var a = Write("A.mtx", ModelProblems.Poisson2D(4));
        var rhs = Path.Combine(_root, "b.mtx");
        await File.WriteAllBytesAsync(rhs, SurfaceSystems.Bytes(new double[5]), Ct);

        var result = await RunAsync("linalg", "solve", a, "--rhs", rhs);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: b has 5 entries but A has 16 rows.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_backend_applies_to_auto_and_an_unknown_one_is_named()
    {
        var a = Write("A.mtx", ModelProblems.Poisson2D(4));

        var cpu = await RunWithAsync(new() { ["OpenAlgebra:LinearAlgebra:Backend"] = "cpu" }, "linalg", "solve", a, "--backend", "auto");
        var unknown = await RunWithAsync(new() { ["OpenAlgebra:LinearAlgebra:Backend"] = "tpu" }, "linalg", "solve", a);

        Assert.Equal(0, cpu.ExitCode);
        Assert.Equal("cpu", JsonDocument.Parse(cpu.Output).RootElement.GetProperty("backend").GetString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("OpenAlgebra:LinearAlgebra:Backend", unknown.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, CsrMatrix<double> matrix)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllBytes(path, SurfaceSystems.Bytes(matrix));
        return path;
    }

    private static Task<CommandResult> RunAsync(params string[] args) => RunWithAsync([], args);

    private static async Task<CommandResult> RunWithAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(args, new StringReader(""), output, error, configuration => configuration.AddInMemoryCollection(settings));
        return new CommandResult(exit, output.ToString(), error.ToString());
    }
}
