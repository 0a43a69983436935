using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Compliance.PhiScanning;

/// <summary>
/// Re-checks de-identified output for protected health information, as a second line behind the de-identifier. It is
/// separate code that reads only Table E.1-1, the options named by the policy and the output: never the policy's
/// per-attribute decisions, so a mistake in those is caught rather than repeated.
/// </summary>
public interface IPhiScanner
{
    /// <summary>
    /// Reports attributes the profile removes or empties under the policy's options that still hold a value (dummies
    /// are allowed where the action allows D), private attributes outside the safe-private allow-list, the original
    /// identifiers (name components, Patient ID, birth date, Accession Number) in any text value at any depth, the
    /// instance's original UIDs, and pixel data declared to have burned-in annotation. Findings name the attribute path
    /// and the reason, never the value.
    /// </summary>
    IReadOnlyList<PhiFinding> Scan(DicomFile output, IDeidentificationPolicy policy, OriginalIdentity original);
}

/// <summary>One problem: where, as a tag path such as "(0040,A730)[0].(0040,A160)", and why.</summary>
public sealed record PhiFinding(string Path, string Reason);
