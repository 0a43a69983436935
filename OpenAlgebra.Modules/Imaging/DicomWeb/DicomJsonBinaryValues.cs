using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>"Value" arrays of the binary numeric VRs and of AT, as the little-endian bytes the data set holds.</summary>
internal static class DicomJsonBinaryValues
{
    /// <summary>Reads numbers up to the end of the array the reader is in.</summary>
    public static byte[] Numbers(ref Utf8JsonReader reader, DicomJsonReadState state, DicomTag tag, DicomVR vr)
    {
        var bytes = state.Bytes;
        bytes.ResetWrittenCount();
        var size = vr.WordSize();
        while (DicomJsonReader.Next(ref reader) != JsonTokenType.EndArray)
        {
            var into = bytes.GetSpan(size)[..size];
            var ok = reader.TokenType switch
            {
                JsonTokenType.Number => TryNumber(ref reader, vr, into),
                // 64-bit integers may come as strings (F.2.3), and our writer spells non-finite floats as strings.
                JsonTokenType.String when vr is DicomVR.SV or DicomVR.UV or DicomVR.FL or DicomVR.FD => TryText(reader.GetString()!, vr, into),
                JsonTokenType.Null => throw DicomJsonElementReader.Error(state, tag,
                    $"Value {bytes.WrittenCount / size} is null, but a {vr.Code()} value cannot be empty"),
                _ => false,
            };
            if (!ok)
            {
                throw DicomJsonElementReader.Error(state, tag, $"Value {bytes.WrittenCount / size} ({Describe(ref reader)}) is not a {vr.Code()} number");
            }

            bytes.Advance(size);
        }

        return bytes.WrittenSpan.ToArray();
    }

    /// <summary>AT values: eight hex digits, group then element (F.2.3).</summary>
    public static byte[] Tags(ref Utf8JsonReader reader, DicomJsonReadState state, DicomTag tag)
    {
        var bytes = state.Bytes;
        bytes.ResetWrittenCount();
        while (DicomJsonReader.Next(ref reader) != JsonTokenType.EndArray)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
            if (text.Length != 8 || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw DicomJsonElementReader.Error(state, tag, $"Value {bytes.WrittenCount / 4} ({Describe(ref reader)}) is not a tag of eight hex digits");
            }

            var into = bytes.GetSpan(4);
            BinaryPrimitives.WriteUInt16LittleEndian(into, (ushort)(value >> 16));
            BinaryPrimitives.WriteUInt16LittleEndian(into[2..], (ushort)value);
            bytes.Advance(4);
        }

        return bytes.WrittenSpan.ToArray();
    }

    private static bool TryNumber(ref Utf8JsonReader reader, DicomVR vr, Span<byte> into)
    {
        switch (vr)
        {
            case DicomVR.US when reader.TryGetUInt16(out var us): BinaryPrimitives.WriteUInt16LittleEndian(into, us); return true;
            case DicomVR.SS when reader.TryGetInt16(out var ss): BinaryPrimitives.WriteInt16LittleEndian(into, ss); return true;
            case DicomVR.UL when reader.TryGetUInt32(out var ul): BinaryPrimitives.WriteUInt32LittleEndian(into, ul); return true;
            case DicomVR.SL when reader.TryGetInt32(out var sl): BinaryPrimitives.WriteInt32LittleEndian(into, sl); return true;
            case DicomVR.SV when reader.TryGetInt64(out var sv): BinaryPrimitives.WriteInt64LittleEndian(into, sv); return true;
            case DicomVR.UV when reader.TryGetUInt64(out var uv): BinaryPrimitives.WriteUInt64LittleEndian(into, uv); return true;
            case DicomVR.FL when reader.TryGetDouble(out var fl): BinaryPrimitives.WriteSingleLittleEndian(into, (float)fl); return true;
            case DicomVR.FD when reader.TryGetDouble(out var fd): BinaryPrimitives.WriteDoubleLittleEndian(into, fd); return true;
            default: return false;
        }
    }

    private static bool TryText(string text, DicomVR vr, Span<byte> into)
    {
        switch (vr)
        {
            case DicomVR.SV when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sv):
                BinaryPrimitives.WriteInt64LittleEndian(into, sv);
                return true;
            case DicomVR.UV when ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var uv):
                BinaryPrimitives.WriteUInt64LittleEndian(into, uv);
                return true;
            case DicomVR.FL or DicomVR.FD when NonFinite(text) is { } value:
                if (vr == DicomVR.FL) BinaryPrimitives.WriteSingleLittleEndian(into, (float)value);
                else BinaryPrimitives.WriteDoubleLittleEndian(into, value);
                return true;
            default:
                return false;
        }
    }

    private static double? NonFinite(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => null,
    };

    /// <summary>The token as it was written, for messages.</summary>
    internal static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        var other => other.ToString().ToLowerInvariant(),
    };
}
