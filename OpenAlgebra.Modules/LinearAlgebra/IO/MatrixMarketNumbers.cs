using System.Globalization;
using System.Numerics;

namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>Numbers of Matrix Market text, parsed from UTF-8 fields without making strings.</summary>
internal static class MatrixMarketNumbers
{
    /// <summary>A whole number of decimal digits only (no sign), small enough for a long.</summary>
    public static bool TryParseNatural(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if (field.IsEmpty || field.Length > 18)
            return false;
        foreach (var b in field)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
                return false;
            value = value * 10 + digit;
        }
        return true;
    }

    /// <summary>A real number as .NET writes and reads it round-trip ("1.5", "-2e-300"), in the invariant culture.</summary>
    public static bool TryParseReal<T>(ReadOnlySpan<byte> field, out T value) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>A whole number with an optional sign.</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> field, out long value) =>
        long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
