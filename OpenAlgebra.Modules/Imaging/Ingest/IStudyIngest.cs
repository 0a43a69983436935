using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// A file to ingest, already on disk (spooled from the upload); <see cref="Name"/> is what the user called it, and
/// <see cref="Nifti"/> says its bytes were recognised as NIfTI (else it is read as DICOM, or as NIfTI by its name).
/// </summary>
public sealed record IngestSource(string Name, string Path, bool Nifti = false);

/// <summary>Who uploads, and what the form said: the modality for NIfTI files, and a patient label for the vault only.</summary>
/// <param name="StudyInstanceUid">
/// When set (STOW-RS to <c>/studies/{study}</c>), only files of this study are stored; the others are refused with
/// <see cref="IngestRejectionCause.OtherStudy"/>. It is the de-identified UID that searches show; the study's original
/// UID is taken too, since it maps to that one.
/// </param>
public sealed record IngestRequest(AuditActor Actor, string? Modality = null, string? PatientLabel = null, string? StudyInstanceUid = null);

public sealed record IngestedSeries(string Id, string SeriesInstanceUid, string Modality, int Instances);

public sealed record IngestedStudy(string Id, string StudyInstanceUid, IReadOnlyList<IngestedSeries> Series);

/// <summary>Why a file was not stored, for callers that answer in codes (STOW-RS failure reasons).</summary>
public enum IngestRejectionCause
{
    /// <summary>Not a readable DICOM or NIfTI file.</summary>
    Unreadable,

    /// <summary>The PHI scanner found identifying data in the de-identified output.</summary>
    PhiFound,

    /// <summary>Readable, but not stored: the index failed, or the upload ran out of time.</summary>
    NotStored,

    /// <summary>It belongs to another study than the one the request is for.</summary>
    OtherStudy,
}

/// <summary>A file that was not stored, and why, in words the uploader can act on.</summary>
/// <param name="SopClassUid">The file's de-identified SOP Class UID, where it was read far enough to know it.</param>
/// <param name="SopInstanceUid">The file's de-identified SOP Instance UID, where it was read far enough to know it.</param>
public sealed record IngestRejection(string File, string Reason, IngestRejectionCause Cause = IngestRejectionCause.Unreadable,
    string? SopClassUid = null, string? SopInstanceUid = null);

/// <summary>One file that is now stored (or was already): its de-identified UIDs.</summary>
public sealed record IngestedInstance(string File, string StudyInstanceUid, string SeriesInstanceUid, string? SopClassUid, string SopInstanceUid, bool Matched);

public sealed record IngestResult(
    IReadOnlyList<IngestedStudy> Studies,
    IReadOnlyList<IngestRejection> Rejected,
    int Stored,
    int Matched,
    IReadOnlyList<IngestedInstance> Instances);

/// <summary>
/// The front door: each file parsed, de-identified, re-scanned for PHI, encrypted, stored and indexed, one at a time;
/// a bad file is rejected with a reason and the good ones are kept. Re-uploads match what is stored and add nothing.
/// </summary>
public interface IStudyIngest
{
    Task<IngestResult> IngestAsync(IReadOnlyList<IngestSource> files, IngestRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Removes stored objects that no index row refers to (left by a crash between writing and indexing).</summary>
public interface IOrphanSweeper
{
    /// <returns>How many orphaned objects were deleted.</returns>
    Task<int> SweepAsync(CancellationToken cancellationToken = default);
}
