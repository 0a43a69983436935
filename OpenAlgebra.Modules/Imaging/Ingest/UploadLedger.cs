using OpenAlgebra.Modules.Imaging.Index;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// What one upload accepted, in upload order: files new to the index, files matching an instance stored before, and
/// files repeating an earlier file of the same upload. Once the new rows are written it says what each file became
/// and, per study, how many instances were stored and how many were there already.
/// </summary>
internal sealed class UploadLedger
{
    private readonly List<Line> _lines = [];
    private readonly Dictionary<string, int> _lineOfSop = new(StringComparer.Ordinal);
    private readonly List<NewInstance> _new = [];
    private readonly Dictionary<int, IndexedInstance> _landed = [];

    /// <summary>Instances to add to the index, in upload order, each with the line it came from.</summary>
    public IReadOnlyList<NewInstance> New => _new;

    public bool IsEmpty => _lines.Count == 0;

    /// <summary>Records a file whose instance an earlier file of this upload brought already; false when none did.</summary>
    public bool TryRepeat(string file, InstanceEntry entry)
    {
        if (!_lineOfSop.TryGetValue(entry.SopInstanceUid, out var earlier))
        {
            return false;
        }

        _lines.Add(new Line(file, entry, Origin.Repeat, earlier, null));
        return true;
    }

    public void Matched(string file, InstanceEntry entry, StoredInstance existing) => Add(new Line(file, entry, Origin.Stored, -1, existing.StudyId));

    public NewInstance Added(string file, InstanceEntry entry, PreparedFile prepared)
    {
        var instance = new NewInstance(_lines.Count, file, entry, prepared);
        Add(new Line(file, entry, Origin.New, -1, null));
        _new.Add(instance);
        return instance;
    }

    /// <summary>Forgets a new instance that could not be stored, and the files that repeat it.</summary>
    /// <returns>The names of those files, for their rejections.</returns>
    public IReadOnlyList<string> Drop(NewInstance instance)
    {
        var dropped = new List<string>();
        for (var i = _lines.Count - 1; i >= 0; i--)
        {
            if (i == instance.Line || (_lines[i].Origin == Origin.Repeat && _lines[i].Reference == instance.Line))
            {
                dropped.Insert(0, _lines[i].File);
                _lines[i] = _lines[i] with { Origin = Origin.Dropped };
            }
        }

        _lineOfSop.Remove(instance.Entry.SopInstanceUid);
        _new.Remove(instance);
        return dropped;
    }

    /// <summary>Where <see cref="New"/> landed, in the same order.</summary>
    public void Indexed(IReadOnlyList<IndexedInstance> indexed)
    {
        for (var k = 0; k < _new.Count; k++)
        {
            _landed[_new[k].Line] = indexed[k];
        }
    }

    /// <summary>Per study touched, in upload order: instances stored by this upload and instances that were there already.</summary>
    public IReadOnlyList<(string StudyId, int Stored, int Matched)> Studies()
    {
        var counts = new Dictionary<string, (int Order, int Stored, int Matched)>(StringComparer.Ordinal);
        for (var i = 0; i < _lines.Count; i++)
        {
            if (Resolve(i) is not { } landed)
            {
                continue;
            }

            var (order, stored, matched) = counts.GetValueOrDefault(landed.StudyId, (counts.Count, 0, 0));
            counts[landed.StudyId] = landed.Matched ? (order, stored, matched + 1) : (order, stored + 1, matched);
        }

        return counts.OrderBy(c => c.Value.Order).Select(c => (c.Key, c.Value.Stored, c.Value.Matched)).ToList();
    }

    /// <summary>Every file that is now stored (or was already), in upload order.</summary>
    public IReadOnlyList<IngestedInstance> Instances()
    {
        var instances = new List<IngestedInstance>();
        for (var i = 0; i < _lines.Count; i++)
        {
            if (Resolve(i) is { } landed)
            {
                var entry = _lines[i].Entry;
                instances.Add(new IngestedInstance(_lines[i].File, entry.StudyUid, entry.SeriesUid, entry.SopClassUid, entry.SopInstanceUid, landed.Matched));
            }
        }

        return instances;
    }

    /// <summary>The study each new instance landed in, in upload order.</summary>
    public IEnumerable<(string StudyId, NewInstance Instance)> NewByStudy() => _new.Select(instance => (_landed[instance.Line].StudyId, instance));

    private (string StudyId, bool Matched)? Resolve(int line)
    {
        var l = _lines[line];
        return l.Origin switch
        {
            Origin.Stored => (l.StudyId!, true),
            Origin.New => _landed.TryGetValue(line, out var row) ? (row.StudyId, !row.Added) : null,
            Origin.Repeat => Resolve(l.Reference) is { } first ? (first.StudyId, true) : null,
            _ => null,
        };
    }

    private void Add(Line line)
    {
        _lineOfSop[line.Entry.SopInstanceUid] = _lines.Count;
        _lines.Add(line);
    }

    private enum Origin
    {
        New,
        Stored,
        Repeat,
        Dropped,
    }

    /// <param name="Reference">For a repeat, the line it repeats.</param>
    private sealed record Line(string File, InstanceEntry Entry, Origin Origin, int Reference, string? StudyId);
}

/// <summary>An instance new to the index: its entry (completed once its object is written) and its prepared bytes.</summary>
internal sealed class NewInstance(int line, string file, InstanceEntry entry, PreparedFile prepared)
{
    public int Line { get; } = line;

    public string File { get; } = file;

    public InstanceEntry Entry { get; set; } = entry;

    public PreparedFile Prepared { get; } = prepared;
}
