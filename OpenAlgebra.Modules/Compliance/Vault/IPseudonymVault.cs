using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Deidentification;

namespace OpenAlgebra.Modules.Compliance.Vault;

/// <summary>What was taken out of a study, kept encrypted under its pseudonym.</summary>
public sealed record VaultEntry(string StudyId, OriginalIdentity Identity, string? PatientLabel, DateTimeOffset StoredAt);

/// <summary>
/// The only place original identities live (Patient ID, Name, Birth Date, Accession, original UIDs, a clinician's
/// label), encrypted at rest. Revealing needs a reason and leaves a Patient Record (110110) audit row.
/// </summary>
public interface IPseudonymVault
{
    /// <summary>Keeps the identity of one study under its pseudonym; the first identity stored for a study stays.</summary>
    Task StoreAsync(string pseudonym, string studyId, OriginalIdentity identity, string? patientLabel, CancellationToken cancellationToken = default);

    /// <summary>The identities under a pseudonym (one study, or all), after auditing who asked and why.</summary>
    /// <exception cref="ArgumentException">The reason is missing or shorter than 5 characters.</exception>
    Task<IReadOnlyList<VaultEntry>> RevealAsync(string pseudonym, string? studyId, AuditActor actor, string reason, CancellationToken cancellationToken = default);
}
