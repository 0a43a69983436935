using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Inference.Registry;

/// <summary>
/// Engine versions like models: each registered version carries its default parameters and a validation record; one
/// version per engine is active. Activation passes a gate (mean validation score, the Dice of its masks, at least
/// <see cref="DiceGate"/>);
/// rollback returns to the version that was active before. Every change is audited and the validation score is
/// published as <c>openalgebra_medical_model_accuracy{engine,version}</c>.
/// </summary>
public interface IEngineRegistry
{
    const double DiceGate = Metrics.ValidationScore.Gate;

    Task<IReadOnlyList<EngineSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <exception cref="InferenceNotFoundException">No such engine.</exception>
    Task<EngineSummary> GetAsync(string engine, CancellationToken cancellationToken = default);

    /// <summary>Runs the engine's validation phantoms and stores the record (replacing an earlier one of that version).</summary>
    /// <param name="version">The version to validate; this build's version of the engine when null.</param>
    /// <param name="progress">Told about each case as it finishes.</param>
    /// <exception cref="InferenceNotFoundException">No such engine, or this build does not have that version's code.</exception>
    Task<EngineValidation> ValidateAsync(string engine, string? version, AuditActor actor, IProgress<ValidationCaseScore>? progress = null,
        CancellationToken cancellationToken = default);

    /// <exception cref="InferenceNotFoundException">No such engine or version.</exception>
    /// <exception cref="InferenceConflictException">The version is not validated, or its Dice is under the gate (the score is in the message).</exception>
    Task<EngineSummary> ActivateAsync(string engine, string version, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Makes the previously active version active again.</summary>
    /// <exception cref="InferenceConflictException">No version was active before the current one.</exception>
    Task<EngineSummary> RollbackAsync(string engine, AuditActor actor, CancellationToken cancellationToken = default);
}
