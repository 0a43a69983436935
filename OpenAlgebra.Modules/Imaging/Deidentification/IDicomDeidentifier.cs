using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.Deidentification;

/// <summary>Applies a de-identification policy (owned by Compliance) to DICOM files.</summary>
public interface IDicomDeidentifier
{
    /// <summary>
    /// De-identifies a file at every nesting level and marks it as de-identified (0012,0062-0064 and 0028,0303), with
    /// new File Meta Information and a zero preamble. The input is left as it was; values that are kept, pixel data
    /// above all, are shared with it rather than copied, and pixel data is never altered.
    /// </summary>
    DeidentifiedDicom Deidentify(DicomFile file, IDeidentificationPolicy policy);
}

/// <summary>The de-identified file, and the identity taken out of it, which belongs only in the pseudonym vault.</summary>
public sealed record DeidentifiedDicom(DicomFile File, OriginalIdentity Original);
