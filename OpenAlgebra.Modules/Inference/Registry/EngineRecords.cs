using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Registry;

/// <summary>An engine as the registry knows it: the versions ever registered and the one that runs by default.</summary>
/// <param name="ActiveVersion">What an analysis runs when it names no version; null until an admin activates one.</param>
public sealed record EngineSummary(
    string Name,
    string Description,
    [property: JsonConverter(typeof(JsonStringEnumConverter<EngineWorkload>))] EngineWorkload Workload,
    bool RequiresSeeds,
    string? ActiveVersion,
    IReadOnlyList<EngineVersionSummary> Versions);

/// <summary>One registry version: the engine's code version with the default parameters it was registered with.</summary>
/// <param name="InThisBuild">Whether this build has the code to run it (older versions stay listed after an upgrade).</param>
public sealed record EngineVersionSummary(
    string Version,
    JsonObject DefaultParameters,
    DateTimeOffset RegisteredAt,
    bool InThisBuild,
    bool Active,
    EngineValidation? Validation);

/// <summary>The validation record of one engine version: Dice per phantom and their mean, against the gate.</summary>
public sealed record EngineValidation(
    string Engine,
    string Version,
    double MeanDice,
    double Gate,
    bool Passed,
    IReadOnlyList<ValidationCaseScore> Cases,
    DateTimeOffset ValidatedAt,
    string ValidatedBy);

/// <param name="Note">Why a case scored 0 (it failed, or produced no mask); null when it ran.</param>
public sealed record ValidationCaseScore(string Name, double Dice, string? Note = null);
