using System.Buffers;
using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>The value of one matching key, to the kind of matching PS3.4 C.2.2.2 gives it for the attribute's VR.</summary>
internal static class QidoMatchParser
{
    private static readonly SearchValues<char> UidCharacters = SearchValues.Create("0123456789.");

    /// <summary>The match, or null for universal matching (an empty value, or only '*': C.2.2.2.3, C.2.2.2.4).</summary>
    public static QidoMatch? Parse(string parameter, DicomTag tag, DicomVR vr, string value)
    {
        if (value.Length == 0 || value.AsSpan().IndexOfAnyExcept('*') < 0)
        {
            return null;
        }

        var name = DicomRegistry.Describe(tag);
        if (!QidoVRs.IsMatchable(vr))
        {
            throw new QidoQueryException(parameter, $"{name} has VR {vr.Code()}, which cannot be matched; ask for it with includefield.");
        }

        if (QidoWildcard.HasWildcards(value) && !QidoVRs.AllowsWildcards(vr))
        {
            throw new QidoQueryException(parameter, $"'{value}': {name} is {vr.Code()}, which takes no wildcards (PS3.4 C.2.2.2.4).");
        }

        if (vr == DicomVR.UI)
        {
            var uids = value.Split([',', '\\'], StringSplitOptions.TrimEntries);
            if (uids.FirstOrDefault(u => !IsUid(u)) is { } bad)
            {
                throw new QidoQueryException(parameter, $"'{bad}' is not a UID (digits and dots, at most 64 characters).");
            }

            return uids.Length == 1 ? new QidoSingleValueMatch(tag, vr, uids[0]) : new QidoUidListMatch(tag, vr, uids);
        }

        if (value.Contains('\\', StringComparison.Ordinal))
        {
            throw new QidoQueryException(parameter, $"'{value}': only UIDs may be given as a list.");
        }

        if (QidoVRs.IsDateTime(vr))
        {
            return DateTime(parameter, tag, vr, value, name);
        }

        if (QidoVRs.IsNumeric(vr))
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? new QidoSingleValueMatch(tag, vr, value)
                : throw new QidoQueryException(parameter, $"'{value}' is not a number, which {name} ({vr.Code()}) holds.");
        }

        return QidoWildcard.HasWildcards(value) ? new QidoWildcardMatch(tag, vr, value) : new QidoSingleValueMatch(tag, vr, value);
    }

    private static QidoMatch DateTime(string parameter, DicomTag tag, DicomVR vr, string value, string name)
    {
        var form = vr switch { DicomVR.DA => "YYYYMMDD", DicomVR.TM => "HH[MM[SS[.FFFFFF]]]", _ => "YYYY[MM[DD[HH[MM[SS[.FFFFFF]]]]]][±HHMM]" };
        if (QidoDateTimes.SplitRange(vr, value) is not { } range)
        {
            return QidoDateTimes.IsValid(vr, value)
                ? new QidoSingleValueMatch(tag, vr, value)
                : throw new QidoQueryException(parameter, $"'{value}' is not a {vr.Code()} value ({form}) or a range of them (from-to, from-, -to) for {name}.");
        }

        var (lower, upper) = range;
        if (lower is null && upper is null)
        {
            throw new QidoQueryException(parameter, $"'{value}' is not a range of {vr.Code()} values ({form}-{form}, either side may be left open) for {name}.");
        }

        if (lower is not null && upper is not null && string.CompareOrdinal(lower, QidoDateTimes.CompleteUpper(vr, upper)) > 0)
        {
            throw new QidoQueryException(parameter, $"'{value}': the range ends before it starts.");
        }

        return new QidoRangeMatch(tag, vr, lower, upper);
    }

    /// <summary>PS3.5 9.1: digits in components separated by dots, at most 64 characters.</summary>
    private static bool IsUid(string value) =>
        value.Length is > 0 and <= 64 && !value.AsSpan().ContainsAnyExcept(UidCharacters) && !value.StartsWith('.') && !value.EndsWith('.')
        && !value.Contains("..", StringComparison.Ordinal);
}
