using System.Buffers.Binary;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>The "Value" array of an attribute that is not binary or a sequence (PS3.18 F.2.3–F.2.5).</summary>
internal static class DicomJsonValues
{
    private static readonly byte[][] PersonNameGroups = ["Alphabetic"u8.ToArray(), "Ideographic"u8.ToArray(), "Phonetic"u8.ToArray()];

    public static void Write(Utf8JsonWriter json, DicomDataset dataset, DicomValueElement element)
    {
        // F.2.5: a zero-length attribute has no "Value".
        if (element.Length == 0)
        {
            return;
        }

        var bytes = element.Value.Memory.Span;
        switch (element.VR)
        {
            case DicomVR.US: Numbers(json, bytes, 2, static (j, s) => j.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(s))); break;
            case DicomVR.SS: Numbers(json, bytes, 2, static (j, s) => j.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(s))); break;
            case DicomVR.UL: Numbers(json, bytes, 4, static (j, s) => j.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(s))); break;
            case DicomVR.SL: Numbers(json, bytes, 4, static (j, s) => j.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(s))); break;
            case DicomVR.SV: Numbers(json, bytes, 8, static (j, s) => j.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(s))); break;
            case DicomVR.UV: Numbers(json, bytes, 8, static (j, s) => j.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(s))); break;
            case DicomVR.FL: Numbers(json, bytes, 4, static (j, s) => Float(j, BinaryPrimitives.ReadSingleLittleEndian(s))); break;
            case DicomVR.FD: Numbers(json, bytes, 8, static (j, s) => Double(j, BinaryPrimitives.ReadDoubleLittleEndian(s))); break;
            case DicomVR.AT: Numbers(json, bytes, 4, static (j, s) => Tag(j, s)); break;
            default: Text(json, dataset, element); break;
        }
    }

    private static void Text(Utf8JsonWriter json, DicomDataset dataset, DicomValueElement element)
    {
        var text = dataset.DecodeText(element);
        if (text.Length == 0)
        {
            return;
        }

        json.WriteStartArray("Value"u8);
        if (element.VR.IsSingleValued())
        {
            json.WriteStringValue(text);
        }
        else
        {
            foreach (var range in text.AsSpan().Split('\\'))
            {
                // PS3.5 6.2: spaces around a value are padding, except leading ones in UC.
                var value = element.VR == DicomVR.UC ? text.AsSpan(range).TrimEnd(' ') : text.AsSpan(range).Trim(' ');
                if (value.IsEmpty || (element.VR == DicomVR.PN && value.Trim('=').IsEmpty))
                {
                    // F.2.5: an empty value among several is null.
                    json.WriteNullValue();
                }
                else if (element.VR == DicomVR.PN)
                {
                    PersonName(json, value);
                }
                else if (element.VR is DicomVR.DS or DicomVR.IS)
                {
                    DicomJsonNumbers.Write(json, value, integer: element.VR == DicomVR.IS);
                }
                else
                {
                    json.WriteStringValue(value);
                }
            }
        }

        json.WriteEndArray();
    }

    /// <summary>F.2.2: the non-empty component groups of a name, split at '=', as named strings.</summary>
    private static void PersonName(Utf8JsonWriter json, ReadOnlySpan<char> value)
    {
        json.WriteStartObject();
        var group = 0;
        foreach (var range in value.Split('='))
        {
            if (group < PersonNameGroups.Length && !value[range].IsEmpty)
            {
                json.WriteString(PersonNameGroups[group], value[range]);
            }

            group++;
        }

        json.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter json, ReadOnlySpan<byte> bytes, int size, NumberWriter write)
    {
        json.WriteStartArray("Value"u8);
        for (var at = 0; at + size <= bytes.Length; at += size)
        {
            write(json, bytes.Slice(at, size));
        }

        json.WriteEndArray();
    }

    /// <summary>JSON has no NaN or infinities; they go as the strings .NET and JavaScript spell them, which the reader takes back.</summary>
    private static void Float(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(NonFinite(value));
        }
    }

    private static void Double(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(NonFinite(value));
        }
    }

    private static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    /// <summary>F.2.3: an AT value is the tag as eight uppercase hex digits.</summary>
    private static void Tag(Utf8JsonWriter json, ReadOnlySpan<byte> bytes)
    {
        var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes), BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]));
        Span<byte> hex = stackalloc byte[8];
        tag.Value.TryFormat(hex, out _, "X8", System.Globalization.CultureInfo.InvariantCulture);
        json.WriteStringValue(hex);
    }

    private delegate void NumberWriter(Utf8JsonWriter json, ReadOnlySpan<byte> bytes);
}
