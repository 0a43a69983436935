using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Compliance.Vault;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// Files are prepared (parsed, de-identified, re-scanned) ahead on every core and then taken in upload order: each is
/// matched against the index or marked pending and written as one encrypted object; once all objects are on disk, every
/// new row and the upload's import events commit in one transaction. A crash before that commit leaves only pending
/// objects, which the start-up sweep removes; after it, every row has its object.
/// </summary>
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

    private const string Stored = "stored";
    private const string Refused = "rejected";

    public async Task<IngestResult> IngestAsync(IReadOnlyList<IngestSource> files, IngestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(request);
        var seconds = TimeoutSeconds();
        // Checked before each file is stored: a file is processed whole or not at all, never cut off half-stored.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), clock);
        var rejected = new List<IngestRejection>();
        var ledger = new UploadLedger();
        var ahead = Math.Max(1, Environment.ProcessorCount);
        var writes = new List<ObjectWrite>();
        try
        {
            await using (var queue = new PreparationQueue(files, preparation, request, profile.Configured, ahead))
            {
                for (var i = 0; i < files.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (deadline.IsCancellationRequested)
                    {
                        rejected.Add(new IngestRejection(files[i].Name, $"not processed: the upload took longer than {TimeoutVariable} ({seconds} s)",
                            IngestRejectionCause.NotStored));
                        continue;
                    }

                    var prepared = await queue.NextAsync().ConfigureAwait(false);
                    if (await AcceptAsync(prepared, request, ledger, cancellationToken).ConfigureAwait(false) is { } instance)
                    {
                        // Objects are written while the next files are taken, a few at a time, each buffer returned once written.
                        await ObjectWrite.WaitForRoomAsync(writes, 2 * ahead).ConfigureAwait(false);
                        writes.Add(ObjectWrite.Start(objects, instance, prepared, cancellationToken));
                    }
                    else if (prepared.Refusal is { } refusal)
                    {
                        rejected.Add(refusal);
                        Observe(prepared, Refused);
                    }
                }
            }

            await CompleteWritesAsync(writes, ledger, rejected).ConfigureAwait(false);
            var studies = await IndexAsync(ledger, request, rejected, cancellationToken).ConfigureAwait(false);
            var instances = ledger.Instances();
            return new IngestResult(studies, rejected, instances.Count(i => !i.Matched), instances.Count(i => i.Matched), instances);
        }
        finally
        {
            await ObjectWrite.WaitForAllAsync(writes).ConfigureAwait(false);
        }
    }

    /// <returns>The instance to write when the file is new; null when it matched, repeated an earlier file, or was refused.</returns>
    private async Task<NewInstance?> AcceptAsync(Preparation prepared, IngestRequest request, UploadLedger ledger, CancellationToken cancellationToken)
    {
        if (prepared.Phi is { } phi)
        {
            IngestMetrics.UnanonymizedData.Inc();
            await audit.RecordAsync(new AuditEvent(request.Actor, AuditEventIds.SecurityAlert, AuditActions.Create, AuditOutcomes.SeriousFailure,
                ObjectType: "upload", ObjectId: prepared.File.Name, Detail: phi.Message), cancellationToken).ConfigureAwait(false);
        }

        if (prepared.Prepared is not { } file)
        {
            return null;
        }

        var entry = file.Entry with { ObjectKey = "instances/" + file.Entry.SopInstanceUid };
        if (ledger.TryRepeat(prepared.File.Name, entry))
        {
            file.Dispose();
            Observe(prepared, Stored);
            return null;
        }

        if (await index.FindInstanceAsync(entry.SopInstanceUid, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            file.Dispose();
            ledger.Matched(prepared.File.Name, entry, existing);
            Observe(prepared, Stored);
            return null;
        }

        // Marked before it is written, so that the start-up sweep tells this object from an orphan left by a crash.
        await index.MarkPendingAsync(entry.ObjectKey, cancellationToken).ConfigureAwait(false);
        return ledger.Added(prepared.File.Name, entry, file);
    }

    private async Task CompleteWritesAsync(List<ObjectWrite> writes, UploadLedger ledger, List<IngestRejection> rejected)
    {
        foreach (var write in writes)
        {
            try
            {
                var written = await write.Task.ConfigureAwait(false);
                write.Instance.Entry = write.Instance.Entry with { Size = written.Size, Sha256 = written.Sha256 };
                Observe(write.Source, Stored);
            }
            catch (IOException e)
            {
                await ForgetAsync(write.Instance).ConfigureAwait(false);
                rejected.AddRange(ledger.Drop(write.Instance).Select(file => new IngestRejection(file, $"not stored: the object store failed ({e.Message})",
                    IngestRejectionCause.NotStored)));
                Observe(write.Source, Refused);
            }
        }
    }

    /// <summary>
    /// Every new row and the import events (one per study) in one transaction. When the index fails, the new files are
    /// rejected and their objects deleted; the files that matched stay matched and their import is recorded alone.
    /// When the audit trail fails, nothing of the upload is kept and the failure goes to the caller.
    /// </summary>
    private async Task<IReadOnlyList<IngestedStudy>> IndexAsync(UploadLedger ledger, IngestRequest request, List<IngestRejection> rejected,
        CancellationToken cancellationToken)
    {
        if (ledger.IsEmpty)
        {
            return [];
        }

        var entries = ledger.New.Select(n => n.Entry).ToList();
        try
        {
            ledger.Indexed(await index.AddInstancesAsync(entries, async (indexed, connection, transaction, token) =>
            {
                ledger.Indexed(indexed);
                foreach (var import in ImportEvents(ledger, request))
                {
                    await audit.AppendAsync(connection, transaction, import, token).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false));
        }
        catch (AuditWriteException)
        {
            foreach (var instance in ledger.New)
            {
                await ForgetAsync(instance).ConfigureAwait(false);
            }

            throw;
        }
        catch (DbException e)
        {
            foreach (var instance in ledger.New.ToList())
            {
                await ForgetAsync(instance).ConfigureAwait(false);
                rejected.AddRange(ledger.Drop(instance).Select(file => new IngestRejection(file,
                    $"not stored: the study index could not be updated ({e.Message})", IngestRejectionCause.NotStored)));
            }

            foreach (var import in ImportEvents(ledger, request))
            {
                await audit.RecordAsync(import, cancellationToken).ConfigureAwait(false);
            }
        }

        await StoreIdentitiesAsync(ledger, request, cancellationToken).ConfigureAwait(false);
        var studies = new List<IngestedStudy>();
        foreach (var (studyId, _, _) in ledger.Studies())
        {
            if (await index.GetStudyAsync(studyId, cancellationToken).ConfigureAwait(false) is { } study)
            {
                studies.Add(new IngestedStudy(study.Id, study.StudyInstanceUid,
                    study.Series.Select(s => new IngestedSeries(s.Id, s.SeriesInstanceUid, s.Modality, s.Instances)).ToList()));
            }
        }

        return studies;
    }

    /// <summary>The original identity of each study this upload stored into goes to the vault (which keeps the first it gets).</summary>
    private async Task StoreIdentitiesAsync(UploadLedger ledger, IngestRequest request, CancellationToken cancellationToken)
    {
        var vaulted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (studyId, instance) in ledger.NewByStudy())
        {
            if (vaulted.Add(studyId))
            {
                await vault.StoreAsync(instance.Entry.Pseudonym, studyId, instance.Prepared.Identity, instance.Prepared.PatientLabel ?? request.PatientLabel,
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<AuditEvent> ImportEvents(UploadLedger ledger, IngestRequest request) =>
        ledger.Studies().Select(study => new AuditEvent(request.Actor, AuditEventIds.Import, AuditActions.Create, AuditOutcomes.Success,
            ObjectType: "study", ObjectId: study.StudyId,
            Detail: string.Create(CultureInfo.InvariantCulture, $"{study.Stored} instances stored, {study.Matched} already stored")));

    /// <summary>Removes the object of a file that will not be indexed, and its pending mark; neither may fail the upload.</summary>
    private async Task ForgetAsync(NewInstance instance)
    {
        await objects.DeleteAsync(instance.Entry.ObjectKey, CancellationToken.None).ConfigureAwait(false);
        await index.ClearPendingAsync(instance.Entry.ObjectKey, CancellationToken.None).ConfigureAwait(false);
    }

    private static void Observe(Preparation prepared, string outcome) =>
        IngestMetrics.ProcessingDuration.WithLabels(prepared.Kind, outcome).Observe(Stopwatch.GetElapsedTime(prepared.Started).TotalSeconds);

    private int TimeoutSeconds() =>
        int.TryParse(configuration[TimeoutVariable], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 600;
}
