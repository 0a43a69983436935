using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Tests.Inference;

/// <summary>
/// Test scaffolding, not product: voxels above <c>threshold</c> become <c>label</c>. A version whose default threshold
/// lies above the box scores Dice 0 on its phantom, which is how a test makes a version fail the gate.
/// </summary>
internal class ThresholdEngine(string name = "test-threshold", string version = "1.0.0", double threshold = 100,
    EngineWorkload workload = EngineWorkload.Light) : IAnalysisEngine
{
    public string Name => name;
    public string Version => version;
    public string Description => "Test engine: voxels above a threshold become a label.";
    public EngineWorkload Workload => workload;
    public virtual bool RequiresSeeds => false;

    public virtual JsonObject DefaultParameters() => new() { ["threshold"] = threshold, ["label"] = 1 };

    public virtual Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        progress.Report(new AnalysisProgress(50, "thresholding"));
        return Task.FromResult(Output(request));
    }

    public virtual IEnumerable<ValidationCase> ValidationCases()
    {
        yield return new ValidationCase("box", new AnalysisRequest(TestPhantom.Volume(), DefaultParameters(), new Dictionary<int, IReadOnlyList<VoxelIndex>>()),
            TestPhantom.Truth());
    }

    protected static AnalysisOutput Output(AnalysisRequest request)
    {
        var limit = request.Parameters["threshold"]!.GetValue<double>();
        var label = (byte)request.Parameters["label"]!.GetValue<int>();
        var mask = TestPhantom.Mask(request.Volume, v => v > limit ? label : (byte)0);
        return new AnalysisOutput(mask, [], null, new JsonObject { ["voxels"] = mask.Labels.Count(l => l != 0) });
    }
}

/// <summary>Marks each seed voxel with its label: shows seeds arrive as given and the mask keeps their labels.</summary>
internal sealed class SeedEngine() : ThresholdEngine("test-seeds")
{
    public override bool RequiresSeeds => true;

    public override JsonObject DefaultParameters() => [];

    public override Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        var volume = request.Volume;
        var labels = new byte[volume.SizeX * volume.SizeY * volume.SizeZ];
        foreach (var (label, voxels) in request.Seeds)
        {
            foreach (var v in voxels)
            {
                labels[(((v.K * volume.SizeY) + v.J) * volume.SizeX) + v.I] = (byte)label;
            }
        }

        return Task.FromResult(new AnalysisOutput(new LabelMask(volume.SizeX, volume.SizeY, volume.SizeZ, labels), [], null, []));
    }

    public override IEnumerable<ValidationCase> ValidationCases()
    {
        var seeds = new Dictionary<int, IReadOnlyList<VoxelIndex>> { [1] = [new VoxelIndex(4, 3, 3)] };
        var truth = new byte[TestPhantom.SizeX * TestPhantom.SizeY * TestPhantom.SizeZ];
        truth[(((3 * TestPhantom.SizeY) + 3) * TestPhantom.SizeX) + 4] = 1;
        yield return new ValidationCase("one seed", new AnalysisRequest(TestPhantom.Volume(), [], seeds),
            new LabelMask(TestPhantom.SizeX, TestPhantom.SizeY, TestPhantom.SizeZ, truth));
    }
}

/// <summary>
/// A heavy engine that, with <c>wait</c> (the default), holds its worker until released or cancelled, telling the test
/// when it started and when it saw the cancellation. Its validation case does not wait.
/// </summary>
internal sealed class WaitingEngine(bool released = false) : ThresholdEngine("test-wait", workload: EngineWorkload.Heavy)
{
    private readonly TaskCompletionSource _release = NewSource(released);
    private int _runs;

    public TaskCompletionSource Started { get; } = NewSource(false);

    /// <summary>When the engine stopped for its token, by <see cref="System.Diagnostics.Stopwatch"/>.</summary>
    public TaskCompletionSource<long> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Runs => Volatile.Read(ref _runs);

    public void Release() => _release.TrySetResult();

    public override JsonObject DefaultParameters() => new() { ["threshold"] = 100.0, ["label"] = 1, ["wait"] = true };

    public override async Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        if (request.Parameters["wait"]!.GetValue<bool>())
        {
            Interlocked.Increment(ref _runs);
            progress.Report(new AnalysisProgress(10, "waiting to be released"));
            Started.TrySetResult();
            try
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp());
                throw;
            }
        }

        return Output(request);
    }

    public override IEnumerable<ValidationCase> ValidationCases()
    {
        var parameters = DefaultParameters();
        parameters["wait"] = false;
        yield return new ValidationCase("box", new AnalysisRequest(TestPhantom.Volume(), parameters, new Dictionary<int, IReadOnlyList<VoxelIndex>>()),
            TestPhantom.Truth());
    }

    private static TaskCompletionSource NewSource(bool done)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (done)
        {
            source.SetResult();
        }

        return source;
    }
}

/// <summary>With <c>failFirst</c> (the default), its first run fails with an I/O error, as a lost scratch disk would; later runs work.</summary>
internal sealed class FlakyEngine() : ThresholdEngine("test-flaky")
{
    private int _runs;

    public override JsonObject DefaultParameters() => new() { ["threshold"] = 100.0, ["label"] = 1, ["failFirst"] = true };

    public override Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken) =>
        request.Parameters["failFirst"]!.GetValue<bool>() && Interlocked.Increment(ref _runs) == 1
            ? throw new IOException("the scratch disk went away")
            : base.RunAsync(request, progress, cancellationToken);

    public override IEnumerable<ValidationCase> ValidationCases()
    {
        var parameters = DefaultParameters();
        parameters["failFirst"] = false;
        yield return new ValidationCase("box", new AnalysisRequest(TestPhantom.Volume(), parameters, new Dictionary<int, IReadOnlyList<VoxelIndex>>()),
            TestPhantom.Truth());
    }
}

/// <summary>Like tv-denoise: a new volume on the source grid (here the source plus 1), and a mask so the gate can score it.</summary>
internal sealed class DerivingEngine() : ThresholdEngine("test-derive")
{
    public override Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        var source = request.Volume;
        var voxels = source.Voxels.Select(v => v + 1).ToArray();
        var derived = new Volume(source.SizeX, source.SizeY, source.SizeZ, 1, 1, voxels, source.IjkToLps);
        return Task.FromResult(Output(request) with { Derived = derived });
    }
}
