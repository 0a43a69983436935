using System.Data.Common;

namespace OpenAlgebra.Modules.Imaging.Index;

/// <summary>What ingest records about one stored instance; every value already de-identified.</summary>
/// <param name="DerivedFromSeriesId">For an instance the platform computed (a denoised copy, say): the series it was derived from.</param>
public sealed record InstanceEntry(
    string Pseudonym,
    string StudyUid,
    string? StudyDate,
    string? StudyTime,
    string? StudyDescription,
    string SeriesUid,
    string Kind,
    string Modality,
    string? SeriesDescription,
    int? SeriesNumber,
    string? BodyPart,
    string SopInstanceUid,
    string? SopClassUid,
    int? InstanceNumber,
    string? TransferSyntax,
    int? Rows,
    int? Columns,
    int? Frames,
    string ObjectKey,
    long Size,
    string Sha256,
    string? DerivedFromSeriesId = null);

/// <summary>Where an instance landed in the index; <see cref="Added"/> is false when it was there already.</summary>
public sealed record IndexedInstance(string StudyId, string SeriesId, string InstanceId, bool Added);

/// <summary>Work that must commit with index rows or not at all: it runs inside their transaction, after they are written.</summary>
public delegate Task IndexTransactionStep(IReadOnlyList<IndexedInstance> indexed, DbConnection connection, DbTransaction transaction,
    CancellationToken cancellationToken);

/// <summary>The study index (patients by pseudonym, studies, series, instances) over either database.</summary>
public interface IStudyIndex
{
    Task<StudyPage> SearchAsync(StudySearch search, CancellationToken cancellationToken = default);

    Task<StudyDetail?> GetStudyAsync(string studyId, CancellationToken cancellationToken = default);

    Task<SeriesSummary?> GetSeriesAsync(string seriesId, CancellationToken cancellationToken = default);

    /// <summary>Which study and patient each series belongs to, for lists that name series (the analyses); unknown ids are left out.</summary>
    Task<IReadOnlyList<SeriesLocation>> LocateSeriesAsync(IReadOnlyCollection<string> seriesIds, CancellationToken cancellationToken = default);

    /// <summary>Every series of these studies, located the same way (a study list that shows what was done with each study).</summary>
    Task<IReadOnlyList<SeriesLocation>> SeriesOfStudiesAsync(IReadOnlyCollection<string> studyIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredInstance>> GetInstancesAsync(string seriesId, CancellationToken cancellationToken = default);

    Task<StoredInstance?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken = default);

    /// <summary>Adds an instance, creating its patient, study and series when new; safe under concurrent uploads.</summary>
    Task<IndexedInstance> AddInstanceAsync(InstanceEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds instances as <see cref="AddInstanceAsync"/> does, all in one transaction (one commit, one flush to disk), clears
    /// their pending marks, and runs <paramref name="beforeCommit"/> last inside it.
    /// </summary>
    /// <returns>Where each entry landed, in order.</returns>
    Task<IReadOnlyList<IndexedInstance>> AddInstancesAsync(IReadOnlyList<InstanceEntry> entries, IndexTransactionStep beforeCommit,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a study's rows.</summary>
    /// <returns>The object keys of its instances (for the caller to delete), or null when there is no such study.</returns>
    Task<IReadOnlyList<string>?> DeleteStudyAsync(string studyId, CancellationToken cancellationToken = default);

    /// <summary>Every object key the index refers to, plus those still being written (pending for less than the grace).</summary>
    Task<IReadOnlySet<string>> ObjectKeysAsync(TimeSpan pendingGrace, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that an object is about to be written, before its index row exists, so that the start-up sweep can tell
    /// an upload in progress from an orphan left by a crash. <see cref="AddInstanceAsync"/> clears the mark.
    /// </summary>
    Task MarkPendingAsync(string objectKey, CancellationToken cancellationToken = default);

    /// <summary>Drops the mark of an object whose write was abandoned (and deleted).</summary>
    Task ClearPendingAsync(string objectKey, CancellationToken cancellationToken = default);
}
