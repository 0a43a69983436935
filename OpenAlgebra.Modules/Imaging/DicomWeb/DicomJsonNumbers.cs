using System.Globalization;
using System.Text.Json;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// DS and IS values, which DICOM holds as text, to and from JSON numbers. F.2.3 maps them to JSON Number and lets a
/// JSON String stand in to keep the original form; a value that is not a number under PS3.5 (e.g. "1A", "NaN") has
/// no faithful number, so it is written as a string rather than dropped or failed.
/// </summary>
internal static class DicomJsonNumbers
{
    private const int MaxDecimalString = 16;

    // PS3.5 allows 16 characters; files that overrun that a little still hold numbers, a value past this is no number.
    private const int MaxNumberText = 64;

    public static void Write(Utf8JsonWriter json, ReadOnlySpan<char> value, bool integer)
    {
        Span<byte> number = stackalloc byte[MaxNumberText + 1];
        if (value.Length <= MaxNumberText && TryToJson(value, integer, number, out var length))
        {
            // The digits go out as written, so no precision is lost to a double on the way.
            json.WriteRawValue(number[..length], skipInputValidation: true);
        }
        else
        {
            json.WriteStringValue(value);
        }
    }

    /// <summary>
    /// A PS3.5 DS (fixed or FORTRAN floating point) or IS value in JSON number grammar (RFC 8259 6): no '+' sign,
    /// no leading zeros, at least one digit on each side of a decimal point.
    /// </summary>
    internal static bool TryToJson(ReadOnlySpan<char> text, bool integer, Span<byte> into, out int length)
    {
        length = 0;
        var at = 0;
        if (at < text.Length && text[at] is '+' or '-')
        {
            if (text[at] == '-')
            {
                into[length++] = (byte)'-';
            }

            at++;
        }

        var integerStart = at;
        while (at < text.Length && char.IsAsciiDigit(text[at]))
        {
            at++;
        }

        var integerDigits = text[integerStart..at].TrimStart('0');
        var fractionDigits = ReadOnlySpan<char>.Empty;
        if (!integer && at < text.Length && text[at] == '.')
        {
            var fractionStart = ++at;
            while (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                at++;
            }

            fractionDigits = text[fractionStart..at];
        }

        if (!text[integerStart..at].ContainsAnyInRange('0', '9'))
        {
            return false;
        }

        length += Ascii(integerDigits.IsEmpty ? "0" : integerDigits, into[length..]);
        if (!fractionDigits.IsEmpty)
        {
            into[length++] = (byte)'.';
            length += Ascii(fractionDigits, into[length..]);
        }

        if (!integer && at < text.Length && text[at] is 'e' or 'E')
        {
            into[length++] = (byte)'e';
            at++;
            if (at < text.Length && text[at] is '+' or '-')
            {
                into[length++] = (byte)text[at++];
            }

            var exponentStart = at;
            while (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                at++;
            }

            if (at == exponentStart)
            {
                return false;
            }

            length += Ascii(text[exponentStart..at], into[length..]);
        }

        return at == text.Length;
    }

    /// <summary>
    /// The DS text for a JSON number: its own digits when they fit the 16 characters DS allows, else the closest
    /// value that does (a JSON writer may spell 0.1 + 0.2 as 0.30000000000000004).
    /// </summary>
    public static string ToDecimalString(ReadOnlySpan<byte> jsonNumber)
    {
        if (jsonNumber.Length <= MaxDecimalString)
        {
            return System.Text.Encoding.ASCII.GetString(jsonNumber);
        }

        var value = double.Parse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture);
        for (var digits = MaxDecimalString; digits > 0; digits--)
        {
            var text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (text.Length <= MaxDecimalString)
            {
                return text;
            }
        }

        throw new FormatException($"{System.Text.Encoding.ASCII.GetString(jsonNumber)} cannot be written as a decimal string.");
    }

    private static int Ascii(ReadOnlySpan<char> text, Span<byte> into)
    {
        for (var i = 0; i < text.Length; i++)
        {
            into[i] = (byte)text[i];
        }

        return text.Length;
    }
}
