namespace OpenAlgebra.Web.Components.Uploads;

/// <summary>
/// One file the user chose, and what became of it. A zip counts as one row holding the results of its entries.
/// Written by the transfer and ingest tasks, read by the page as it renders: every change goes under one lock.
/// </summary>
public sealed class UploadRow(int number, string name, long size)
{
    private readonly Lock _gate = new();
    private readonly List<UploadRejectionLine> _rejections = [];
    private long _sent;
    private int _pending;
    private bool _spooled;

    /// <summary>The file's place in the selection, from 1: names repeat across folders, numbers do not.</summary>
    public int Number { get; } = number;

    public string Name { get; } = name;

    public long Size { get; } = size;

    public long Sent => Interlocked.Read(ref _sent);

    public UploadRowState State { get; private set; } = UploadRowState.Waiting;

    public int Stored { get; private set; }

    public int Matched { get; private set; }

    /// <summary>Why the row stopped short (cancelled, or failed as a whole), in words for the uploader.</summary>
    public string? Note { get; private set; }

    public IReadOnlyList<UploadRejectionLine> Rejections
    {
        get
        {
            lock (_gate)
            {
                return [.. _rejections];
            }
        }
    }

    public bool HasProblems
    {
        get
        {
            lock (_gate)
            {
                return _rejections.Count > 0 || State is UploadRowState.Failed or UploadRowState.Cancelled;
            }
        }
    }

    public void AddSent(long bytes) => Interlocked.Add(ref _sent, bytes);

    public void Start()
    {
        lock (_gate)
        {
            State = UploadRowState.Sending;
        }
    }

    /// <summary>One file (or archive entry) of this row now waits for ingest.</summary>
    public void Queue()
    {
        lock (_gate)
        {
            _pending++;
        }
    }

    /// <summary>Everything the file held is known: it is processing until its queued files are ingested.</summary>
    public void Spooled()
    {
        lock (_gate)
        {
            _spooled = true;
            Settle();
        }
    }

    public void Reject(string file, string reason)
    {
        lock (_gate)
        {
            _rejections.Add(new UploadRejectionLine(file, reason));
        }
    }

    /// <summary>A queued file's outcome from ingest: stored new, matched what was stored, or rejected with a reason.</summary>
    public void Ingested(bool matched)
    {
        lock (_gate)
        {
            if (matched)
            {
                Matched++;
            }
            else
            {
                Stored++;
            }

            _pending--;
            Settle();
        }
    }

    public void IngestRejected(string file, string reason)
    {
        lock (_gate)
        {
            _rejections.Add(new UploadRejectionLine(file, reason));
            _pending--;
            Settle();
        }
    }

    /// <summary>Ends a row that had not finished: nothing more of it is sent or ingested.</summary>
    public void Stop(UploadRowState state, string note)
    {
        lock (_gate)
        {
            if (State is UploadRowState.Done or UploadRowState.Failed or UploadRowState.Cancelled)
            {
                return;
            }

            State = state;
            Note = note;
        }
    }

    private void Settle() => State = !_spooled ? UploadRowState.Sending : _pending > 0 ? UploadRowState.Processing : UploadRowState.Done;
}

/// <summary>A file (or an archive entry, named <c>archive.zip/folder/file</c>) that was not stored, and why.</summary>
public sealed record UploadRejectionLine(string File, string Reason);
