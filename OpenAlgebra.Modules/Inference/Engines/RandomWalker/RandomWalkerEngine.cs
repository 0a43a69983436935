using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Metrics;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;

namespace OpenAlgebra.Modules.Inference.Engines.RandomWalker;

/// <summary>
/// <c>random-walker</c>: semi-automatic segmentation from seeds (Grady 2006) with scikit-image's <c>random_walker</c>
/// semantics: its edge weights (<c>beta</c>, voxel spacing honoured; see <see cref="EdgeWeights"/>), conjugate
/// gradients to the relative residual <c>tol</c>, each unseeded voxel taking the label whose seeds a random walk from it
/// most likely reaches first. <c>solver</c> picks the preconditioner by scikit-image's mode names: <c>cg_mg</c>
/// (algebraic multigrid), <c>cg_j</c> (Jacobi), <c>cg</c> (none). One solve per label but the last, whose probability
/// is one minus the others' (the probabilities of a voxel sum to one).
/// </summary>
internal sealed class RandomWalkerEngine(ILinearSolver solver) : IAnalysisEngine
{
    public string Name => "random-walker";
    public string Version => "1.0.0";
    public string Description => "Semi-automatic 3D segmentation from seeds of two or more labels (random walker, Grady 2006).";
    public EngineWorkload Workload => EngineWorkload.Heavy;
    public bool RequiresSeeds => true;

    public JsonObject DefaultParameters() => new()
    {
        ["beta"] = 130.0,
        ["tol"] = 1e-4,
        ["solver"] = "cg_mg",
    };

    public Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var parameters = EngineParameters.Read(this, request.Parameters);
        var beta = parameters.Number("beta", above: 0);
        var tolerance = parameters.Number("tol", above: 0, atMost: 0.5);
        var preconditioner = parameters.Choice("solver", "cg_mg", "cg_j", "cg") switch
        {
            "cg_mg" => PreconditionerKind.Amg,
            "cg_j" => PreconditionerKind.Jacobi,
            _ => PreconditionerKind.None,
        };
        var volume = request.Volume;
        EngineInputs.RequireScalarVolume(Name, volume);
        var seeds = SeedLabels.From(request, volume);
        return Task.Run(() => Segment(request, seeds, beta, new SolveOptions
        {
            Solver = SolverKind.Cg,
            Preconditioner = preconditioner,
            Tolerance = tolerance,
            MaxIterations = 100_000,
        }, progress, cancellationToken), cancellationToken);
    }

    public IEnumerable<ValidationCase> ValidationCases() => RandomWalkerPhantoms.Cases();

    private AnalysisOutput Segment(AnalysisRequest request, SeedLabels seeds, double beta, SolveOptions options, IProgress<AnalysisProgress> progress,
        CancellationToken cancellationToken)
    {
        var volume = request.Volume;
        var n = volume.Voxels.Length;
        progress.Report(new AnalysisProgress(0, "Building the graph Laplacian"));
        var weights = EdgeWeights.Of(volume, beta, cancellationToken);
        var solved = seeds.Values[..^1];
        var system = GraphLaplacian.Build(volume, seeds.Labels, solved, weights, cancellationToken);
        progress.Report(new AnalysisProgress(10, $"{system.Unknowns.Length} unseeded voxels"));

        var probabilities = seeds.Values.Select(label => new float[n]).ToArray();
        var solves = new JsonArray();
        for (var l = 0; l < solved.Length; l++)
        {
            var label = solved[l];
            var (from, to) = (10 + (85 * l / solved.Length), 10 + (85 * (l + 1) / solved.Length));
            var reporter = new SolveReporter(progress, from, to, label, options.Tolerance);
            var result = system.Unknowns.Length == 0
                ? null
                : solver.Solve(system.Matrix, system.RightHandSides[l], options with { Progress = reporter }, cancellationToken);
            Scatter(result?.Solution ?? [], system.Unknowns, seeds.Labels, label, probabilities[l]);
            if (result is not null)
            {
                solves.Add(new JsonObject
                {
                    ["label"] = label,
                    ["iterations"] = result.Iterations,
                    ["relativeResidual"] = result.RelativeResidual,
                    ["converged"] = result.Converged,
                    ["reason"] = result.Reason,
                    ["backend"] = result.Backend,
                    ["seconds"] = result.Elapsed.TotalSeconds,
                });
            }
        }

        progress.Report(new AnalysisProgress(95, "Labelling"));
        var last = probabilities[^1];
        var mask = Label(volume, seeds, probabilities, last, cancellationToken);
        var metrics = MaskMetrics.Measure(mask, volume, request.ReferenceMask, cancellationToken);
        metrics["preconditioner"] = options.Preconditioner.ToString();
        metrics["unseededVoxels"] = system.Unknowns.Length;
        metrics["solves"] = solves;
        progress.Report(new AnalysisProgress(100, "Segmented"));
        return new AnalysisOutput(mask, [.. seeds.Values.Select((label, l) => new ProbabilityMap(label, probabilities[l]))], null, metrics);
    }

    /// <summary>The solution on the unseeded voxels, 1 on the label's seeds and 0 on the others'.</summary>
    private static void Scatter(double[] solution, int[] unknowns, byte[] seeds, byte label, float[] probability)
    {
        Parallel.For(0, seeds.Length / 65536 + 1, block =>
        {
            var end = Math.Min(seeds.Length, (block + 1) * 65536);
            for (var n = block * 65536; n < end; n++)
            {
                probability[n] = seeds[n] == label ? 1 : 0;
            }
        });
        Parallel.For(0, unknowns.Length / 65536 + 1, block =>
        {
            var end = Math.Min(unknowns.Length, (block + 1) * 65536);
            for (var row = block * 65536; row < end; row++)
            {
                probability[unknowns[row]] = (float)solution[row];
            }
        });
    }

    /// <summary>Completes the last label's probability as one minus the others' and labels each voxel by the largest (the first on a tie, as argmax).</summary>
    private static LabelMask Label(Imaging.Volumes.Volume volume, SeedLabels seeds, float[][] probabilities, float[] last, CancellationToken cancellationToken)
    {
        var n = seeds.Labels.Length;
        var labels = new byte[n];
        var values = seeds.Values;
        Parallel.For(0, n / 65536 + 1, new ParallelOptions { CancellationToken = cancellationToken }, block =>
        {
            var end = Math.Min(n, (block + 1) * 65536);
            for (var v = block * 65536; v < end; v++)
            {
                if (seeds.Labels[v] != 0)
                {
                    last[v] = seeds.Labels[v] == values[^1] ? 1 : 0;
                    labels[v] = seeds.Labels[v];
                    continue;
                }

                var rest = 1f;
                var best = 0;
                for (var l = 0; l < values.Length - 1; l++)
                {
                    rest -= probabilities[l][v];
                    if (probabilities[l][v] > probabilities[best][v])
                    {
                        best = l;
                    }
                }

                last[v] = rest;
                labels[v] = rest > probabilities[best][v] ? values[^1] : values[best];
            }
        });
        return new LabelMask(volume.SizeX, volume.SizeY, volume.SizeZ, labels);
    }

    /// <summary>Maps a solve's relative residual onto the analysis's progress band (log scale from 1 down to the tolerance).</summary>
    private sealed class SolveReporter(IProgress<AnalysisProgress> progress, int from, int to, byte label, double tolerance) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value)
        {
            var done = Math.Clamp(Math.Log(Math.Max(value.RelativeResidual, tolerance)) / Math.Log(tolerance), 0, 1);
            progress.Report(new AnalysisProgress(from + (int)((to - from) * done), $"Label {label}: iteration {value.Iteration}, residual {value.RelativeResidual:g2}"));
        }
    }
}
