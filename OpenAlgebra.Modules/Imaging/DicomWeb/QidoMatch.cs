using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// One matching key of a search, by the kinds of PS3.4 C.2.2.2 (sequence matching is not supported). A multi-valued
/// attribute matches when any of its values does; an absent one matches nothing.
/// </summary>
public abstract record QidoMatch(DicomTag Tag, DicomVR VR)
{
    public abstract bool Matches(DicomDataset dataset);
}

/// <summary>
/// C.2.2.2.1: the value itself. Case-sensitive, except for person names, which match whatever the case (the standard
/// leaves PN to the implementation). Numeric VRs compare as numbers.
/// </summary>
public sealed record QidoSingleValueMatch(DicomTag Tag, DicomVR VR, string Value) : QidoMatch(Tag, VR)
{
    public override bool Matches(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (QidoVRs.IsNumeric(VR))
        {
            var wanted = double.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return QidoValues.Numbers(dataset, Tag).Contains(wanted);
        }

        var comparison = VR == DicomVR.PN ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return dataset.GetStrings(Tag).Any(v => string.Equals(v, Value, comparison));
    }
}

/// <summary>
/// C.2.2.2.2: any of several UIDs (given as a comma- or backslash-separated list).
/// </summary>
public sealed record QidoUidListMatch(DicomTag Tag, DicomVR VR, IReadOnlyList<string> Uids) : QidoMatch(Tag, VR)
{
    public override bool Matches(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.GetStrings(Tag).Any(v => Uids.Contains(v, StringComparer.Ordinal));
    }
}

/// <summary>
/// C.2.2.2.4: '*' matches any run of characters (none included), '?' any one character. Matching ignores case for
/// every VR: the SQL form must behave the same on SQLite, whose LIKE ignores ASCII case whatever is asked, and on
/// PostgreSQL; for VRs other than PN this returns a superset of the standard's case-sensitive match.
/// </summary>
public sealed record QidoWildcardMatch(DicomTag Tag, DicomVR VR, string Pattern) : QidoMatch(Tag, VR)
{
    public override bool Matches(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.GetStrings(Tag).Any(v => QidoWildcard.IsMatch(v, Pattern));
    }
}

/// <summary>
/// C.2.2.2.5: dates, times and date-times between two bounds, inclusive; either may be open. Compared as text, which
/// orders YYYYMMDD and HHMMSS values correctly; an upper bound given to less precision takes in its whole last
/// unit (a TM bound of 17 means up to 17:59:59.999999). Time zone offsets of DT values are not normalized.
/// </summary>
public sealed record QidoRangeMatch(DicomTag Tag, DicomVR VR, string? Lower, string? Upper) : QidoMatch(Tag, VR)
{
    /// <summary>The upper bound as compared: completed to full precision.</summary>
    public string? UpperInclusive => Upper is null ? null : QidoDateTimes.CompleteUpper(VR, Upper);

    public override bool Matches(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var upper = UpperInclusive;
        return dataset.GetStrings(Tag).Any(v => v.Length > 0
            && (Lower is null || string.CompareOrdinal(v, Lower) >= 0)
            && (upper is null || string.CompareOrdinal(v, upper) <= 0));
    }
}
