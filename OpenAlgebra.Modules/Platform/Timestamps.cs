using System.Globalization;

namespace OpenAlgebra.Modules.Platform;

/// <summary>
/// Timestamps are stored as fixed-width ISO-8601 UTC text on both databases: they sort and compare as text,
/// read the same in sqlite3 and psql, and hash identically (the audit chain depends on that).
/// </summary>
public static class Timestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Truncates to the stored precision (microseconds) so a value survives a round trip unchanged.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
