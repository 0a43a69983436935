using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// A file to ingest, already on disk (spooled from the upload); <see cref="Name"/> is what the user called it, and
/// <see cref="Nifti"/> says its bytes were recognised as NIfTI (else it is read as DICOM, or as NIfTI by its name).
/// </summary>
public sealed record IngestSource(string Name, string Path, bool Nifti = false);

/// <summary>Who uploads, and what the form said: the modality for NIfTI files, and a patient label for the vault only.</summary>
public sealed record IngestRequest(AuditActor Actor, string? Modality = null, string? PatientLabel = null);

public sealed record IngestedSeries(string Id, string SeriesInstanceUid, string Modality, int Instances);

public sealed record IngestedStudy(string Id, string StudyInstanceUid, IReadOnlyList<IngestedSeries> Series);

/// <summary>A file that was not stored, and why, in words the uploader can act on.</summary>
public sealed record IngestRejection(string File, string Reason);

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
