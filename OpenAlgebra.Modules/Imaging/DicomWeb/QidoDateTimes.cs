using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>DA, TM and DT values in search keys: their syntax (PS3.5 6.2), ranges, and range bounds.</summary>
internal static class QidoDateTimes
{
    // The largest value of each form, for completing an upper bound given to less precision.
    private const string LatestTime = "235959.999999";
    private const string LatestDateTime = "99991231235959.999999";

    public static bool IsValid(DicomVR vr, string value) => vr switch
    {
        DicomVR.DA => value.Length == 8 && IsDate(value),
        DicomVR.TM => IsTime(value),
        _ => IsDateTime(value),
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

    /// <summary>YYYY, YYYYMM or YYYYMMDD, a real day of the Gregorian calendar.</summary>
    private static bool IsDate(ReadOnlySpan<char> value) => value.Length switch
    {
        4 => Digits(value),
        6 => Digits(value) && Number(value[4..6]) is >= 1 and <= 12,
        8 => DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => false,
    };

    /// <summary>HH[MM[SS[.F{1,6}]]], 24-hour, a leap second allowed.</summary>
    private static bool IsTime(ReadOnlySpan<char> value)
    {
        var dot = value.IndexOf('.');
        var whole = dot < 0 ? value : value[..dot];
        if (dot >= 0 && (whole.Length != 6 || value.Length - dot - 1 is < 1 or > 6 || !Digits(value[(dot + 1)..])))
        {
            return false;
        }

        return whole.Length is 2 or 4 or 6 && Digits(whole) && Number(whole[..2]) < 24
            && (whole.Length < 4 || Number(whole[2..4]) < 60)
            && (whole.Length < 6 || Number(whole[4..6]) <= 60);
    }

    /// <summary>YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]] and an optional UTC offset &amp;ZZXX.</summary>
    private static bool IsDateTime(ReadOnlySpan<char> value)
    {
        var sign = value.Length > 4 ? value[4..].IndexOfAny('+', '-') : -1;
        if (sign >= 0)
        {
            var offset = value[(sign + 5)..];
            // PS3.5 6.2: offsets run from -1200 to +1400.
            if (offset.Length != 4 || !Digits(offset) || Number(offset[..2]) > 14 || Number(offset[2..]) > 59)
            {
                return false;
            }

            value = value[..(sign + 4)];
        }

        return value.Length <= 8 ? IsDate(value) : IsDate(value[..8]) && IsTime(value[8..]);
    }

    private static bool Digits(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExceptInRange('0', '9');

    private static int Number(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
