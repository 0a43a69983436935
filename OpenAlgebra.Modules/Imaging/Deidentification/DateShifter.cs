using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.Deidentification;

/// <summary>Moves DA and DT values by whole days (Retain Longitudinal Temporal Information with Modified Dates).</summary>
internal static class DateShifter
{
    private const string DateFormat = "yyyyMMdd";

    /// <summary>
    /// The value with each date moved by <paramref name="days"/>; a DT keeps its time and offset. Null when a value
    /// has no full date to move (a DT of only a year, a malformed date): the caller must then empty it, not keep it.
    /// </summary>
    public static string? Shift(string value, DicomVR vr, int days)
    {
        var parts = value.Split('\\');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                continue;
            }

            if ((vr == DicomVR.DA && part.Length != 8) || part.Length < 8
                || !DateOnly.TryParseExact(part[..8], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return null;
            }

            parts[i] = date.AddDays(days).ToString(DateFormat, CultureInfo.InvariantCulture) + part[8..];
        }

        return string.Join('\\', parts);
    }
}
