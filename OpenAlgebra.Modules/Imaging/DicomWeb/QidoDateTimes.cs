using System.Globalization;
using System.Text.RegularExpressions;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>DA, TM and DT values in search keys: their syntax (PS3.5 6.2), ranges, and range bounds.</summary>
internal static partial class QidoDateTimes
{
    // The largest value of each form, for completing an upper bound given to less precision.
    private const string LatestTime = "235959.999999";
    private const string LatestDateTime = "99991231235959.999999";

    public static bool IsValid(DicomVR vr, string value) => vr switch
    {
        DicomVR.DA => DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        DicomVR.TM => Time().IsMatch(value),
        _ => DateTime().IsMatch(value) && (value.Length < 8 || DateOnly.TryParseExact(value[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)),
    };

    /// <summary>
    /// The bounds of a range key "lower-upper", "lower-" or "-upper", or null when the value is one date or time.
    /// A DT value may itself hold a '-' (a negative UTC offset), so the split is the one that leaves valid values;
    /// (null, null) when there is none.
    /// </summary>
    public static (string? Lower, string? Upper)? SplitRange(DicomVR vr, string value)
    {
        if (!value.Contains('-', StringComparison.Ordinal) || (vr == DicomVR.DT && IsValid(vr, value)))
        {
            return null;
        }

        for (var at = value.IndexOf('-', StringComparison.Ordinal); at >= 0; at = value.IndexOf('-', at + 1))
        {
            var lower = value[..at];
            var upper = value[(at + 1)..];
            if ((lower.Length == 0 || IsValid(vr, lower)) && (upper.Length == 0 || IsValid(vr, upper)) && (lower.Length + upper.Length) > 0)
            {
                return (lower.Length == 0 ? null : lower, upper.Length == 0 ? null : upper);
            }
        }

        return (null, null);
    }

    /// <summary>An upper bound with its omitted trailing components at their largest, so that "17" takes in 17:59:59.999999.</summary>
    public static string CompleteUpper(DicomVR vr, string upper)
    {
        var latest = vr switch
        {
            DicomVR.TM => LatestTime,
            DicomVR.DT => LatestDateTime,
            _ => "",
        };

        // A DT offset is not part of the ordering; see QidoRangeMatch.
        var bare = vr == DicomVR.DT && upper.Length > 4 && upper.AsSpan(4).IndexOfAny('+', '-') is var sign and >= 0 ? upper[..(sign + 4)] : upper;
        return bare.Length < latest.Length ? bare + latest[bare.Length..] : bare;
    }

    [GeneratedRegex(@"^(?:[01]\d|2[0-3])(?:[0-5]\d(?:(?:[0-5]\d|60)(?:\.\d{1,6})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Time();

    [GeneratedRegex(@"^\d{4}(?:(?:0[1-9]|1[0-2])(?:(?:0[1-9]|[12]\d|3[01])(?:(?:[01]\d|2[0-3])(?:[0-5]\d(?:(?:[0-5]\d|60)(?:\.\d{1,6})?)?)?)?)?)?(?:[+-]\d{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTime();
}
