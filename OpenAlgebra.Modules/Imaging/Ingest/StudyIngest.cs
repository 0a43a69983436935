using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Compliance.Vault;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Imaging.Ingest;

internal sealed class StudyIngest(
    FilePreparation preparation,
    IDeidentificationProfile profile,
    IEncryptedObjectStore objects,
    IStudyIndex index,
    IPseudonymVault vault,
    IAuditTrail audit,
    IConfiguration configuration,
    TimeProvider clock) : IStudyIngest
{
    /// <summary>The runbook's name for the bound on one upload's processing, in seconds.</summary>
    public const string TimeoutVariable = "DICOM_TIMEOUT";

    public async Task<IngestResult> IngestAsync(IReadOnlyList<IngestSource> files, IngestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(request);
        var seconds = TimeoutSeconds();
        // Checked between files: a file is processed whole or not at all, never cut off half-stored.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), clock);
        var policy = profile.Configured;
        var rejected = new List<IngestRejection>();
        var instances = new List<IngestedInstance>();
        var touched = new Dictionary<string, (int Stored, int Matched)>(StringComparer.Ordinal);
        var vaulted = new HashSet<string>(StringComparer.Ordinal);
        var stored = 0;
        var matched = 0;

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested)
            {
                rejected.Add(new IngestRejection(file.Name, $"not processed: the upload took longer than {TimeoutVariable} ({seconds} s)",
                    IngestRejectionCause.NotStored));
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var kind = file.Nifti || FilePreparation.IsNifti(file.Name) ? FilePreparation.NiftiKind : FilePreparation.DicomKind;
            var outcome = await IngestFileAsync(file, kind, request, policy, vaulted, cancellationToken).ConfigureAwait(false);
            IngestMetrics.ProcessingDuration.WithLabels(kind, outcome.Rejection is null ? "stored" : "rejected").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (outcome.Rejection is { } rejection)
            {
                rejected.Add(rejection);
                continue;
            }

            var entry = outcome.Entry!;
            instances.Add(new IngestedInstance(file.Name, entry.StudyUid, entry.SeriesUid, entry.SopClassUid, entry.SopInstanceUid, outcome.Matched));
            var studyId = outcome.Indexed!.StudyId;
            touched[studyId] = touched.TryGetValue(studyId, out var counts)
                ? (counts.Stored + (outcome.Matched ? 0 : 1), counts.Matched + (outcome.Matched ? 1 : 0))
                : (outcome.Matched ? 0 : 1, outcome.Matched ? 1 : 0);
            stored += outcome.Matched ? 0 : 1;
            matched += outcome.Matched ? 1 : 0;
        }

        var studies = new List<IngestedStudy>();
        foreach (var (studyId, counts) in touched)
        {
            await audit.RecordAsync(new AuditEvent(request.Actor, AuditEventIds.Import, AuditActions.Create, AuditOutcomes.Success,
                ObjectType: "study", ObjectId: studyId,
                Detail: string.Create(CultureInfo.InvariantCulture, $"{counts.Stored} instances stored, {counts.Matched} already stored")), cancellationToken)
                .ConfigureAwait(false);
            if (await index.GetStudyAsync(studyId, cancellationToken).ConfigureAwait(false) is { } study)
            {
                studies.Add(new IngestedStudy(study.Id, study.StudyInstanceUid,
                    study.Series.Select(s => new IngestedSeries(s.Id, s.SeriesInstanceUid, s.Modality, s.Instances)).ToList()));
            }
        }

        return new IngestResult(studies, rejected, stored, matched, instances);
    }

    private async Task<FileOutcome> IngestFileAsync(IngestSource file, string kind, IngestRequest request, IDeidentificationPolicy policy,
        HashSet<string> vaulted, CancellationToken cancellationToken)
    {
        PreparedFile prepared;
        try
        {
            prepared = kind == FilePreparation.NiftiKind
                ? preparation.Nifti(file.Path, request.Modality, request.PatientLabel, policy)
                : preparation.Dicom(file.Path, policy);
        }
        catch (PhiFoundException e)
        {
            IngestMetrics.UnanonymizedData.Inc();
            await audit.RecordAsync(new AuditEvent(request.Actor, AuditEventIds.SecurityAlert, AuditActions.Create, AuditOutcomes.SeriousFailure,
                ObjectType: "upload", ObjectId: file.Name, Detail: e.Message), cancellationToken).ConfigureAwait(false);
            return Rejected(file, $"refused: {e.Message}", IngestRejectionCause.PhiFound);
        }
        catch (Exception e) when (e is DicomFormatException or NiftiFormatException or ArgumentException or IOException)
        {
            return Rejected(file, kind == FilePreparation.NiftiKind ? $"not a readable NIfTI file: {e.Message}" : $"not a readable DICOM file: {e.Message}");
        }

        if (StudyTarget.Refusal(file.Name, prepared.Entry, request.StudyInstanceUid, policy.Pseudonymizer) is { } refusal)
        {
            return new FileOutcome(null, null, refusal, false);
        }

        var key = "instances/" + prepared.Entry.SopInstanceUid;
        if (await index.FindInstanceAsync(prepared.Entry.SopInstanceUid, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new FileOutcome(new IndexedInstance(existing.StudyId, existing.SeriesId, existing.Id, false), prepared.Entry, null, true);
        }

        // Mark, write, index: a crash between the steps leaves a marked object that the start-up sweep can tell apart
        // from an upload in progress, and never an index row without its object.
        await index.MarkPendingAsync(key, cancellationToken).ConfigureAwait(false);
        var written = await objects.PutAsync(key, new MemoryStream(prepared.Bytes, writable: false), cancellationToken).ConfigureAwait(false);
        var entry = prepared.Entry with { ObjectKey = key, Size = written.Size, Sha256 = written.Sha256 };
        IndexedInstance indexed;
        try
        {
            indexed = await index.AddInstanceAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            await objects.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            await index.ClearPendingAsync(key, CancellationToken.None).ConfigureAwait(false);
            return Rejected(file, $"not stored: the study index could not be updated ({e.Message})", IngestRejectionCause.NotStored);
        }

        if (vaulted.Add(indexed.StudyId))
        {
            await vault.StoreAsync(entry.Pseudonym, indexed.StudyId, prepared.Identity, prepared.PatientLabel ?? request.PatientLabel, cancellationToken)
                .ConfigureAwait(false);
        }

        return new FileOutcome(indexed, entry, null, !indexed.Added);
    }

    private int TimeoutSeconds() =>
        int.TryParse(configuration[TimeoutVariable], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 600;

    private static FileOutcome Rejected(IngestSource file, string reason, IngestRejectionCause cause = IngestRejectionCause.Unreadable) =>
        new(null, null, new IngestRejection(file.Name, reason, cause), false);
}
