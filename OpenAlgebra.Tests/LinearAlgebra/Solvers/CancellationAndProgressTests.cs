using System.Diagnostics;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

public sealed class CancellationAndProgressTests
{
    [Fact]
    public void A_cancelled_token_stops_a_running_solve_and_progress_came_a_few_times_a_second()
    {
        // 1e-15 is out of reach, so only cancellation ends this solve.
        var a = ModelProblems.Poisson2D(200);
        var b = SolverTestMatrices.RandomVector(a.Rows, 1);
        var progress = new Reports();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(700));
        var options = new SolveOptions { Tolerance = 1e-15, MaxIterations = int.MaxValue, Progress = progress };
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => Solving.Solver.Solve(a, b, options, cancellation.Token));

        Assert.InRange(progress.Items.Count, 1, (int)(clock.Elapsed.TotalMilliseconds / 250) + 1);
        Assert.True(progress.Items.Zip(progress.Items.Skip(1)).All(pair => pair.First.Iteration < pair.Second.Iteration));
    }

    [Fact]
    public void A_token_cancelled_before_the_solve_starts_stops_it_at_once()
    {
        var a = ModelProblems.Poisson2D(10);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Solving.Solver.Solve(a, SolverTestMatrices.RandomVector(100, 1), new SolveOptions(), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void The_last_progress_report_is_the_result()
    {
        var a = ModelProblems.Poisson2D(10);
        var progress = new Reports();

        var result = Solving.Solve(a, SolverTestMatrices.RandomVector(100, 1), new SolveOptions { Progress = progress });

        Assert.Equal(new SolveProgress(result.Iterations, result.RelativeResidual), progress.Items[^1]);
    }

    /// <summary>Collects reports on the solving thread (Progress&lt;T&gt; would post them elsewhere, later).</summary>
    private sealed class Reports : IProgress<SolveProgress>
    {
        public List<SolveProgress> Items { get; } = [];

        public void Report(SolveProgress value) => Items.Add(value);
    }
}
