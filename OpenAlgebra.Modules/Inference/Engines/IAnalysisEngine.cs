using System.Text.Json.Nodes;

namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>How heavy an engine is, which picks its Hangfire queue: <c>Heavy</c> runs on <c>gpu</c>, <c>Light</c> on <c>default</c>.</summary>
public enum EngineWorkload { Light, Heavy }

/// <summary>
/// One analysis engine at one code version: turns a series volume (plus seeds or masks) into a label mask, derived
/// volume and/or metrics. Engines are pure computations: loading, storing, auditing and queueing belong to the caller.
/// </summary>
public interface IAnalysisEngine
{
    /// <summary>The engine's stable name, e.g. <c>random-walker</c>.</summary>
    string Name { get; }

    /// <summary>The code version, e.g. <c>1.0.0</c>; a registry version is this plus default parameters plus validation.</summary>
    string Version { get; }

    string Description { get; }

    EngineWorkload Workload { get; }

    /// <summary>Whether a request must carry seeds (labels with voxel lists).</summary>
    bool RequiresSeeds { get; }

    /// <summary>The parameters with their defaults (a fresh object each call).</summary>
    JsonObject DefaultParameters();

    /// <summary>Runs the analysis. Progress is 0–100 with a short message.</summary>
    /// <exception cref="AnalysisInputException">A parameter, seed or mask is invalid; the message names it.</exception>
    Task<AnalysisOutput> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken);

    /// <summary>The engine's deterministic validation phantoms with known truth (the registry's gate runs these).</summary>
    IEnumerable<ValidationCase> ValidationCases();
}
