using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Inference.References;

/// <summary>
/// The site's own validation cases, scored with the engine's phantoms each time a version is validated: a site can
/// see how a version does on its scanners and patients before activating it. Adding and removing a case is audited.
/// </summary>
public interface IReferenceCases
{
    /// <exception cref="InferenceNotFoundException">No such engine.</exception>
    Task<IReadOnlyList<ReferenceCase>> ListAsync(string engine, CancellationToken cancellationToken = default);

    /// <exception cref="InferenceNotFoundException">The engine has no such case.</exception>
    Task<ReferenceCase> GetAsync(string engine, string id, CancellationToken cancellationToken = default);

    /// <exception cref="InferenceNotFoundException">No such engine.</exception>
    /// <exception cref="InferenceRequestException">The engine does not produce masks, or the name, series, mask, seeds or parameters are not usable; the message names which.</exception>
    Task<ReferenceCase> AddAsync(string engine, ReferenceCaseUpload upload, AuditActor actor, CancellationToken cancellationToken = default);

    /// <exception cref="InferenceNotFoundException">The engine has no such case.</exception>
    Task DeleteAsync(string engine, string id, AuditActor actor, CancellationToken cancellationToken = default);
}
