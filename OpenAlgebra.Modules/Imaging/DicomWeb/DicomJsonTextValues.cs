using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>"Value" arrays of the string VRs (PN, DS and IS included), as the padded bytes of a PS3.5 value field.</summary>
internal static class DicomJsonTextValues
{
    private static readonly string[] PersonNameGroups = ["Alphabetic", "Ideographic", "Phonetic"];

    /// <summary>Reads values up to the end of the array the reader is in, joined with '\' (F.2.4).</summary>
    public static byte[] Read(ref Utf8JsonReader reader, DicomJsonReadState state, DicomTag tag, DicomVR vr)
    {
        var text = state.Text.Clear();
        var count = 0;
        while (DicomJsonReader.Next(ref reader) != JsonTokenType.EndArray)
        {
            if (count++ > 0)
            {
                text.Append('\\');
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    // F.2.5: an empty value among several.
                    break;
                case JsonTokenType.String:
                    AppendString(ref reader, text);
                    break;
                case JsonTokenType.Number when vr == DicomVR.DS:
                    text.Append(DicomJsonNumbers.ToDecimalString(reader.ValueSpan));
                    break;
                case JsonTokenType.Number when vr == DicomVR.IS:
                    text.Append(IntegerString(ref reader, state, tag, count - 1));
                    break;
                case JsonTokenType.StartObject when vr == DicomVR.PN:
                    PersonName(ref reader, state, tag, text);
                    break;
                default:
                    throw DicomJsonElementReader.Error(state, tag,
                        $"Value {count - 1} ({DicomJsonBinaryValues.Describe(ref reader)}) is not a {vr.Code()} value{(vr == DicomVR.PN ? "; F.2.2 writes a name as an object of component groups" : "")}");
            }
        }

        if (vr.IsSingleValued() && count > 1)
        {
            throw DicomJsonElementReader.Error(state, tag, $"{vr.Code()} holds one value, found {count}");
        }

        return Encode(text, state, tag, vr);
    }

    /// <summary>
    /// JSON text is Unicode: VRs under the Specific Character Set are stored as UTF-8 (and the data set will declare
    /// ISO_IR 192); the others allow only the default repertoire, kept as the Latin-1 the codec decodes them with.
    /// </summary>
    private static byte[] Encode(StringBuilder text, DicomJsonReadState state, DicomTag tag, DicomVR vr)
    {
        var chars = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(0, chars, text.Length);
            var span = chars.AsSpan(0, text.Length);
            Encoding encoding;
            if (vr.UsesCharacterSet())
            {
                state.NonAscii |= !Ascii.IsValid(span);
                encoding = Encoding.UTF8;
            }
            else
            {
                if (span.IndexOfAnyExceptInRange('\0', '\u00FF') is var bad and >= 0)
                {
                    throw DicomJsonElementReader.Error(state, tag, $"'{span[bad]}' is not in the character repertoire of {vr.Code()}");
                }

                encoding = Encoding.Latin1;
            }

            var length = encoding.GetByteCount(span);
            var bytes = new byte[length + (length & 1)];
            encoding.GetBytes(span, bytes);
            if ((length & 1) == 1)
            {
                bytes[^1] = vr.Padding();
            }

            return bytes;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>{"Alphabetic": …, "Ideographic": …, "Phonetic": …} back to "A=I=P", without trailing empty groups.</summary>
    private static void PersonName(ref Utf8JsonReader reader, DicomJsonReadState state, DicomTag tag, StringBuilder text)
    {
        Span<int> starts = [-1, -1, -1];
        Span<int> lengths = [0, 0, 0];
        var start = text.Length;
        while (DicomJsonReader.Next(ref reader) != JsonTokenType.EndObject)
        {
            var group = reader.ValueTextEquals("Alphabetic"u8) ? 0 : reader.ValueTextEquals("Ideographic"u8) ? 1 : reader.ValueTextEquals("Phonetic"u8) ? 2 : -1;
            if (group < 0)
            {
                throw DicomJsonElementReader.Error(state, tag, $"'{reader.GetString()}' is not a person name component group ({string.Join(", ", PersonNameGroups)})");
            }

            if (DicomJsonReader.Next(ref reader) != JsonTokenType.String)
            {
                throw DicomJsonElementReader.Error(state, tag, $"The {PersonNameGroups[group]} group must be a string, found {reader.TokenType}");
            }

            // Collected after the value so far, then put in group order below: the members may come in any order.
            starts[group] = text.Length;
            AppendString(ref reader, text);
            lengths[group] = text.Length - starts[group];
        }

        var groups = text.ToString(start, text.Length - start);
        text.Length = start;
        var last = starts[2] >= 0 ? 2 : starts[1] >= 0 ? 1 : 0;
        for (var group = 0; group <= last; group++)
        {
            if (group > 0)
            {
                text.Append('=');
            }

            if (starts[group] >= 0)
            {
                text.Append(groups, starts[group] - start, lengths[group]);
            }
        }
    }

    /// <summary>An IS value from a JSON number: integers as they are, and integral values written with a fraction or exponent (12.0, 1e3).</summary>
    private static string IntegerString(ref Utf8JsonReader reader, DicomJsonReadState state, DicomTag tag, int index)
    {
        if (reader.TryGetInt64(out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        return reader.TryGetDouble(out var value) && double.IsInteger(value) && Math.Abs(value) < 1e15
            ? value.ToString("F0", CultureInfo.InvariantCulture)
            : throw DicomJsonElementReader.Error(state, tag, $"Value {index} ({DicomJsonBinaryValues.Describe(ref reader)}) is not an integer, as IS requires");
    }

    private static void AppendString(ref Utf8JsonReader reader, StringBuilder text)
    {
        var chars = ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            text.Append(chars, 0, reader.CopyString(chars));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
