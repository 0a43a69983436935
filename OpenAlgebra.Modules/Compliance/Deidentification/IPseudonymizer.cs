namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>
/// Keyed, repeatable replacements: the same input under the same site secret always gives the same output, so a
/// re-upload lands on the same pseudonymous patient, study and series; without the secret nothing maps back.
/// </summary>
public interface IPseudonymizer
{
    /// <summary>"2.25." and the decimal of a UUID made from an HMAC-SHA256 of the original UID (at most 44 characters).</summary>
    string Uid(string originalUid);

    /// <summary>"OA-" and 16 base32 characters of an HMAC-SHA256 of the original Patient ID.</summary>
    string PatientId(string originalPatientId);

    /// <summary>The configured name pattern with the Patient ID pseudonym in it.</summary>
    string PatientName(string originalPatientId);

    /// <summary>Days to add to every date of this patient under Retain Longitudinal Modified Dates: whole weeks back, 1 to 520.</summary>
    int DateOffsetDays(string originalPatientId);
}
