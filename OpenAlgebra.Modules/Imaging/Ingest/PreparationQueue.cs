using System.Diagnostics;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// Prepares the files of one upload ahead of the one being stored, up to <paramref name="ahead"/> at a time on the
/// thread pool, and hands them out in upload order: parsing and de-identifying use every core while storing and
/// indexing stay in order. Disposing it waits for what is still running and returns every unclaimed buffer.
/// </summary>
internal sealed class PreparationQueue(
    IReadOnlyList<IngestSource> files, FilePreparation preparation, IngestRequest request, IDeidentificationPolicy policy, int ahead) : IAsyncDisposable
{
    private readonly Queue<Task<Preparation>> _running = new();
    private int _started;

    /// <summary>The next file's preparation, in upload order.</summary>
    /// <exception cref="InvalidOperationException">Every file was handed out already.</exception>
    public Task<Preparation> NextAsync()
    {
        if (files.Count == 1 && _started == 0)
        {
            // Nothing to prepare ahead of a lone file: no hop to another thread.
            _started++;
            return Task.FromResult(Prepare(files[0]));
        }

        while (_running.Count < ahead && _started < files.Count)
        {
            var file = files[_started++];
            _running.Enqueue(Task.Run(() => Prepare(file)));
        }

        return _running.Count > 0 ? _running.Dequeue() : throw new InvalidOperationException("Every file of the upload was handed out already.");
    }

    public async ValueTask DisposeAsync()
    {
        // A preparation that failed outright has no buffer to return; its failure reached whoever awaited the files before it.
        while (_running.TryDequeue(out var running))
        {
            await ((Task)running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (running.IsCompletedSuccessfully)
            {
                running.Result.Prepared?.Dispose();
            }
        }
    }

    private Preparation Prepare(IngestSource file)
    {
        var started = Stopwatch.GetTimestamp();
        var kind = file.Nifti || FilePreparation.IsNifti(file.Name) ? FilePreparation.NiftiKind : FilePreparation.DicomKind;
        try
        {
            var prepared = kind == FilePreparation.NiftiKind
                ? preparation.Nifti(file.Path, request.Modality, request.PatientLabel, policy)
                : preparation.Dicom(file.Path, policy);
            if (StudyTarget.Refusal(file.Name, prepared.Entry, request.StudyInstanceUid, policy.Pseudonymizer) is { } elsewhere)
            {
                prepared.Dispose();
                return new Preparation(file, kind, started, null, elsewhere, null);
            }

            return new Preparation(file, kind, started, prepared, null, null);
        }
        catch (PhiFoundException e)
        {
            return new Preparation(file, kind, started, null, new IngestRejection(file.Name, $"refused: {e.Message}", IngestRejectionCause.PhiFound), e);
        }
        catch (Exception e) when (e is DicomFormatException or NiftiFormatException or ArgumentException or IOException)
        {
            var reason = kind == FilePreparation.NiftiKind ? $"not a readable NIfTI file: {e.Message}" : $"not a readable DICOM file: {e.Message}";
            return new Preparation(file, kind, started, null, new IngestRejection(file.Name, reason), null);
        }
    }
}
