using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>
/// The de-identification rules for one set of options: the action for every attribute, the pseudonymizer, and how
/// the output must describe what was done. Compliance decides; Imaging applies.
/// </summary>
public interface IDeidentificationPolicy
{
    DeidentificationOptions Options { get; }

    IPseudonymizer Pseudonymizer { get; }

    /// <summary>The action for a standard attribute (found through a dictionary built once); attributes the profile does not list are kept.</summary>
    DeidentificationAction ActionFor(DicomTag tag);

    /// <summary>
    /// The action for a private attribute: <see cref="DeidentificationAction.Keep"/> when Retain Safe Private is on and
    /// the creator and element are on the allow-list, else <see cref="DeidentificationAction.Remove"/>. For a private
    /// creator element (gggg,0010-00FF), <paramref name="creator"/> is its own value.
    /// </summary>
    DeidentificationAction ActionForPrivate(DicomTag tag, string? creator);

    /// <summary>The values of De-identification Method (0012,0063): profile, options, product and version.</summary>
    IReadOnlyList<string> MethodDescription { get; }

    /// <summary>The items of De-identification Method Code Sequence (0012,0064): 113100 and each option's CID 7050 code.</summary>
    IReadOnlyList<DeidentificationCode> MethodCodes { get; }

    /// <summary>Longitudinal Temporal Information Modified (0028,0303): REMOVED, MODIFIED or UNMODIFIED.</summary>
    string LongitudinalTemporalInformation { get; }
}

/// <summary>A coded concept (Code Value, Coding Scheme Designator, Code Meaning).</summary>
public sealed record DeidentificationCode(string Value, string Scheme, string Meaning);
