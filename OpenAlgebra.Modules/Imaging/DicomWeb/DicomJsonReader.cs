using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>Reads DICOM JSON Model objects (PS3.18 F.2) into data sets, forward-only over the UTF-8 bytes.</summary>
internal static class DicomJsonReader
{
    // Each sequence level costs three JSON levels (attribute, "Value" array, item); the codec allows 64 levels.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = (3 * 64) + 2 };

    public static DicomDataset ReadDataset(ReadOnlySpan<byte> utf8Json)
    {
        var state = new DicomJsonReadState();
        var reader = new Utf8JsonReader(utf8Json, Options);
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, "A DICOM JSON data set must be an object");
            var dataset = ReadObject(ref reader, state, parent: null);
            if (reader.Read())
            {
                throw new DicomJsonException($"Unexpected {reader.TokenType} after the data set");
            }

            state.Finish(dataset);
            return dataset;
        }
        catch (JsonException e)
        {
            throw new DicomJsonException($"Not JSON: {e.Message}", null, e);
        }
    }

    public static IReadOnlyList<DicomDataset> ReadArray(ReadOnlySpan<byte> utf8Json)
    {
        var state = new DicomJsonReadState();
        var reader = new Utf8JsonReader(utf8Json, Options);
        var datasets = new List<DicomDataset>();
        try
        {
            Expect(ref reader, JsonTokenType.StartArray, "Multiple DICOM JSON data sets must be an array");
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new DicomJsonException($"Data set {datasets.Count} of the array is a {reader.TokenType}, not an object");
                }

                var dataset = ReadObject(ref reader, state, parent: null);
                state.Finish(dataset);
                datasets.Add(dataset);
            }

            return datasets;
        }
        catch (JsonException e)
        {
            throw new DicomJsonException($"Not JSON: {e.Message}", null, e);
        }
    }

    /// <summary>Reads the attributes of an object whose StartObject the reader is on.</summary>
    internal static DicomDataset ReadObject(ref Utf8JsonReader reader, DicomJsonReadState state, DicomDataset? parent)
    {
        var dataset = new DicomDataset(parent);
        DicomTag? last = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var tag = ParseTag(ref reader);
            if (Next(ref reader) != JsonTokenType.StartObject)
            {
                throw new DicomJsonException($"An attribute must be an object, found {reader.TokenType}", state.PathTo(tag));
            }

            var element = ReadAttribute(ref reader, state, dataset, tag);
            if (tag.IsGroupLength)
            {
                // F.2.2 leaves Group Length out of the model; a sender that kept it told us nothing we need.
                continue;
            }

            // F.2.2 orders attributes by tag, so appending is the rule and the sorted insert the exception.
            if (last is { } previous && tag <= previous)
            {
                dataset.Set(element);
            }
            else
            {
                dataset.Append(element);
                last = tag;
            }
        }

        return dataset;
    }

    /// <summary>Reads {"vr": …, "Value" | "InlineBinary" | "BulkDataURI": …}, in whatever order the members come.</summary>
    private static DicomElement ReadAttribute(ref Utf8JsonReader reader, DicomJsonReadState state, DicomDataset owner, DicomTag tag)
    {
        DicomVR? vr = null;
        DicomJsonValueKind kind = DicomJsonValueKind.None;
        DicomElement? element = null;
        var deferred = default(Utf8JsonReader);
        var isDeferred = false;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("vr"u8))
            {
                vr = ReadVR(ref reader, state, tag);
                continue;
            }

            var member = DicomJsonValueKinds.FromName(ref reader);
            if (member == DicomJsonValueKind.None)
            {
                // Members the model does not define (some senders add "keyword") carry nothing to keep.
                reader.Skip();
                continue;
            }

            if (kind != DicomJsonValueKind.None)
            {
                throw new DicomJsonException($"Has both \"{kind.Name()}\" and \"{member.Name()}\"; F.2.2 allows at most one", state.PathTo(tag));
            }

            kind = member;
            if (vr is { } known)
            {
                element = DicomJsonElementReader.Read(ref reader, state, owner, tag, known, kind);
            }
            else
            {
                // The value came before "vr": come back to it once the VR is known.
                deferred = reader;
                isDeferred = true;
                reader.Skip();
            }
        }

        if (vr is not { } final)
        {
            throw new DicomJsonException("Has no \"vr\"", state.PathTo(tag));
        }

        if (isDeferred)
        {
            element = DicomJsonElementReader.Read(ref deferred, state, owner, tag, final, kind);
        }

        return element ?? DicomJsonElementReader.Empty(tag, final);
    }

    private static DicomVR ReadVR(ref Utf8JsonReader reader, DicomJsonReadState state, DicomTag tag)
    {
        if (Next(ref reader) != JsonTokenType.String)
        {
            throw new DicomJsonException($"\"vr\" must be a string, found {reader.TokenType}", state.PathTo(tag));
        }

        var code = reader.ValueSpan;
        return code.Length == 2 && DicomVRs.FromBytes(code[0], code[1]) is { } vr
            ? vr
            : throw new DicomJsonException($"\"vr\" is '{reader.GetString()}', which is not a value representation", state.PathTo(tag));
    }

    private static DicomTag ParseTag(ref Utf8JsonReader reader)
    {
        var name = reader.GetString() ?? "";
        return name.Length == 8 && uint.TryParse(name, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? DicomTag.FromValue(value)
            : throw new DicomJsonException($"'{name}' is not an attribute tag of eight hex digits such as 00100010");
    }

    internal static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new DicomJsonException("The JSON ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (Next(ref reader) != type)
        {
            throw new DicomJsonException($"{message}, found {reader.TokenType}");
        }
    }
}
