using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// Cuts a match down to what a QIDO-RS result carries (PS3.18 10.6.3.3): the level's default attributes, every
/// matching key and every includefield attribute, of those the index holds; the required ones (types R and U) are
/// present even without a value, as empty attributes. With includefield=all, everything the index holds stays.
/// One projection per search; set the Retrieve URL before applying it.
/// </summary>
public sealed class QidoProjection
{
    private readonly HashSet<DicomTag>? _kept;
    private readonly (DicomTag Tag, DicomVR VR)[] _required;

    /// <param name="query">The parsed search.</param>
    /// <param name="level">What the search returns.</param>
    /// <param name="within">The level the resource is scoped to, as given to <see cref="QidoQueryParser.Parse"/>.</param>
    public QidoProjection(QidoQuery query, QidoLevel level, QidoLevel? within = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        _kept = query.IncludeAllAttributes ? null : [.. query.ReturnAttributes];
        _required = [.. QidoReturnAttributes.RequiredFor(level, within).Select(t => (t, QidoAttributes.VR(t)))];
    }

    public void Apply(DicomDataset match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (_kept is { } kept)
        {
            match.RemoveAll(e => !kept.Contains(e.Tag));
        }

        foreach (var (tag, vr) in _required)
        {
            if (!match.Contains(tag))
            {
                match.SetEmpty(tag, vr);
            }
        }
    }
}
