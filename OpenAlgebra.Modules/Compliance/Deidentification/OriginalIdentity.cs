namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>
/// What de-identification took out of one instance, for the pseudonym vault (the only place it may be kept) and for
/// the PHI scanner to search the output for. Null where the input did not hold the attribute.
/// </summary>
public sealed record OriginalIdentity(
    string? PatientId,
    string? PatientName,
    string? PatientBirthDate,
    string? AccessionNumber,
    string? StudyInstanceUid,
    string? SeriesInstanceUid,
    string? SopInstanceUid);
