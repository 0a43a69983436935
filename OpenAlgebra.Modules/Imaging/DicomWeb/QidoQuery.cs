using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>A parsed QIDO-RS search (PS3.18 8.3.4): what must match, what to return, and which page.</summary>
/// <param name="MatchingKeys">Conditions that all must hold. Universal matching (an empty value, or "*") is no condition here; its attribute is only returned.</param>
/// <param name="ReturnAttributes">
/// The attributes each result carries, in tag order: the level's defaults (PS3.18 10.6.3.3), every matching key,
/// and every includefield.
/// </param>
/// <param name="IncludeAllAttributes">includefield=all: return every attribute the level has.</param>
/// <param name="Limit">At most this many results; null for the server's own maximum.</param>
/// <param name="Offset">Skip this many results first.</param>
/// <param name="Warnings">Parameters understood but not honoured (e.g. fuzzymatching=true), for a Warning header (PS3.18 8.3.4.2).</param>
public sealed record QidoQuery(
    IReadOnlyList<QidoMatch> MatchingKeys,
    IReadOnlyList<DicomTag> ReturnAttributes,
    bool IncludeAllAttributes,
    int? Limit,
    int Offset,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Whether a data set satisfies every condition (PS3.4 C.2.2.2), for in-memory filtering.</summary>
    public bool Matches(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        foreach (var match in MatchingKeys)
        {
            if (!match.Matches(dataset))
            {
                return false;
            }
        }

        return true;
    }
}
