using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Components.Forms;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Web.Api;

namespace OpenAlgebra.Web.Components.Uploads;

/// <summary>
/// One upload from the page: the chosen files stream from the browser into the upload temp folder one after another,
/// and what has arrived is ingested in batches while the rest is still on its way, through the same pipeline as
/// <c>POST /api/studies</c> (de-identification, PHI re-scan, audit, the same reasons). Each batch is one ingest call,
/// so the audit trail has one import event per study per batch. Nothing here blocks the circuit: the page reads the
/// rows' progress on a timer.
/// </summary>
internal sealed class UploadRun
{
    /// <summary>The most files one ingest call takes, so results appear while a large upload is still arriving.</summary>
    public const int BatchLimit = 200;

    private readonly IUploadSpooler _spooler;
    private readonly IStudyIngest _ingest;
    private readonly IngestRequest _request;
    private readonly long _readLimit;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IngestedStudy> _studies = new(StringComparer.Ordinal);
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _sentAt;
    private long _finishedAt;

    public UploadRun(IUploadSpooler spooler, IStudyIngest ingest, IngestRequest request, long readLimit, IReadOnlyList<IBrowserFile> files)
    {
        _spooler = spooler;
        _ingest = ingest;
        _request = request;
        _readLimit = readLimit;
        Files = files;
        Rows = [.. files.Select((f, i) => new UploadRow(i + 1, f.Name, f.Size))];
        TotalBytes = files.Sum(f => f.Size);
    }

    public IReadOnlyList<IBrowserFile> Files { get; }

    public IReadOnlyList<UploadRow> Rows { get; }

    public long TotalBytes { get; }

    public long SentBytes => Rows.Sum(r => r.Sent);

    public bool Finished => Interlocked.Read(ref _finishedAt) != 0;

    /// <summary>What stopped the whole upload (a limit of the upload, or the server failing), in words for the uploader.</summary>
    public string? Error { get; private set; }

    /// <summary>From the start to the last byte received; null while files are still on their way.</summary>
    public TimeSpan? SendTime => Elapsed(ref _sentAt);

    /// <summary>From the start to the last file ingested; null while the upload runs.</summary>
    public TimeSpan? TotalTime => Elapsed(ref _finishedAt);

    public IReadOnlyList<IngestedStudy> Studies
    {
        get
        {
            lock (_gate)
            {
                return [.. _studies.Values];
            }
        }
    }

    /// <param name="stop">The user's cancel: nothing more is sent, files not yet ingested are not stored; a batch being ingested finishes.</param>
    /// <param name="abandon">The page going away: nothing more is sent and no further batch starts; one under way finishes.</param>
    public async Task RunAsync(CancellationToken stop, CancellationToken abandon)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, abandon);
        using var upload = _spooler.BeginStreamed();
        var queue = Channel.CreateUnbounded<QueuedFile>(new UnboundedChannelOptions { SingleReader = true });
        var ingesting = IngestAsync(queue.Reader, stop, abandon);
        try
        {
            // One file at a time: a circuit takes one incoming call at once, so with several browser streams open, one whose
            // pipe is full blocks the data of the one being read and the upload hangs (dotnet/aspnetcore#47301).
            for (var index = 0; index < Rows.Count; index++)
            {
                both.Token.ThrowIfCancellationRequested();
                await SendAsync(upload, Rows[index], Files[index], queue.Writer, both.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (both.IsCancellationRequested)
        {
            StopUnsent(UploadRowState.Cancelled, "cancelled before it was sent; nothing of it was stored");
        }
        catch (UploadTooLargeException e)
        {
            Error = e.Message;
            StopUnsent(UploadRowState.Failed, "not sent: the upload went past its limit");
        }
        finally
        {
            Interlocked.Exchange(ref _sentAt, Stopwatch.GetTimestamp());
            queue.Writer.Complete();
            await ingesting.ConfigureAwait(false);
            Interlocked.Exchange(ref _finishedAt, Stopwatch.GetTimestamp());
        }
    }

    private async Task SendAsync(StreamedUpload upload, UploadRow row, IBrowserFile file, ChannelWriter<QueuedFile> queue, CancellationToken cancellationToken)
    {
        row.Start();
        IReadOnlyList<UploadItem> items;
        try
        {
            await using var content = new ProgressStream(file.OpenReadStream(_readLimit, cancellationToken), row);
            items = await upload.AddAsync(file.Name, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or Microsoft.JSInterop.JSException && !cancellationToken.IsCancellationRequested)
        {
            // The browser could not read the file (moved, deleted, or a folder dropped where files were expected).
            row.Reject(file.Name, $"could not be read from this computer: {e.Message}");
            row.Spooled();
            return;
        }

        foreach (var item in items)
        {
            switch (item)
            {
                case RejectedFile refused:
                    row.Reject(refused.Name, refused.Reason);
                    break;
                case UploadedFile { Kind: UploadFileKind.Other } other:
                    row.Reject(other.Name, UploadEndpoints.NotImagingReason);
                    other.Dispose();
                    break;
                case UploadedFile lease:
                    row.Queue();
                    await queue.WriteAsync(new QueuedFile(row, lease), CancellationToken.None).ConfigureAwait(false);
                    break;
            }
        }

        row.Spooled();
    }

    /// <summary>Takes what has arrived, up to a batch, and ingests it; a name already in the batch waits for the next, so results map back by name.</summary>
    private async Task IngestAsync(ChannelReader<QueuedFile> queue, CancellationToken stop, CancellationToken abandon)
    {
        var held = new List<QueuedFile>();
        try
        {
            while (held.Count > 0 || await queue.WaitToReadAsync(abandon).ConfigureAwait(false))
            {
                var batch = new Dictionary<string, QueuedFile>(StringComparer.Ordinal);
                var waiting = held;
                held = [];
                foreach (var file in waiting)
                {
                    Take(file, batch, held);
                }

                while (batch.Count < BatchLimit && queue.TryRead(out var file))
                {
                    Take(file, batch, held);
                }

                abandon.ThrowIfCancellationRequested();
                await IngestBatchAsync(batch, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // The page is gone: no further batch starts; the upload's folder and every lease in it are deleted with it.
        }
    }

    private static void Take(QueuedFile file, Dictionary<string, QueuedFile> batch, List<QueuedFile> held)
    {
        if (batch.Count >= BatchLimit || !batch.TryAdd(file.Lease.Name, file))
        {
            held.Add(file);
        }
    }

    private async Task IngestBatchAsync(Dictionary<string, QueuedFile> batch, CancellationToken stop)
    {
        try
        {
            if (stop.IsCancellationRequested)
            {
                foreach (var (name, file) in batch)
                {
                    file.Row.IngestRejected(name, "cancelled before it was processed; not stored");
                }

                return;
            }

            var sources = batch.Values.Select(f => new IngestSource(f.Lease.Name, f.Lease.Path, f.Lease.Kind == UploadFileKind.Nifti)).ToList();
            IngestResult result;
            try
            {
                // A batch under way is finished even when the page goes away: its files are stored with their import
                // events, never cut off between the two. Batches are small, so this ends soon.
                result = await _ingest.IngestAsync(sources, _request, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Error ??= $"The server could not store the files: {e.Message}";
                foreach (var (name, file) in batch)
                {
                    file.Row.IngestRejected(name, $"not stored: {e.Message}");
                }

                return;
            }

            Record(batch, result);
        }
        finally
        {
            foreach (var file in batch.Values)
            {
                file.Lease.Dispose();
            }
        }
    }

    private void Record(Dictionary<string, QueuedFile> batch, IngestResult result)
    {
        lock (_gate)
        {
            foreach (var study in result.Studies)
            {
                _studies[study.Id] = study;
            }
        }

        foreach (var instance in result.Instances)
        {
            if (batch.Remove(instance.File, out var file))
            {
                file.Row.Ingested(instance.Matched);
            }
        }

        foreach (var rejection in result.Rejected)
        {
            if (batch.Remove(rejection.File, out var file))
            {
                file.Row.IngestRejected(rejection.File, rejection.Reason);
            }
        }

        foreach (var (name, file) in batch)
        {
            file.Row.IngestRejected(name, "not stored: the server reported nothing for this file");
        }
    }

    private void StopUnsent(UploadRowState state, string note)
    {
        foreach (var row in Rows.Where(r => r.State is UploadRowState.Waiting or UploadRowState.Sending))
        {
            row.Stop(state, note);
        }
    }

    private TimeSpan? Elapsed(ref long at)
    {
        var end = Interlocked.Read(ref at);
        return end == 0 ? null : Stopwatch.GetElapsedTime(_started, end);
    }

    private sealed record QueuedFile(UploadRow Row, UploadedFile Lease);
}
