using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>Turns the value member of one attribute object into an element of the VR it declares.</summary>
internal static class DicomJsonElementReader
{
    public static DicomElement Empty(DicomTag tag, DicomVR vr) =>
        tag == DicomTags.SpecificCharacterSet ? DicomJsonReadState.CharacterSet()
        : vr == DicomVR.SQ ? new DicomSequence(tag, vr, [], undefinedLength: false)
        : new DicomValueElement(tag, vr, DicomBuffer.Empty);

    /// <summary>Reads the value whose member name the reader is on.</summary>
    public static DicomElement Read(ref Utf8JsonReader reader, DicomJsonReadState state, DicomDataset owner, DicomTag tag, DicomVR vr, DicomJsonValueKind kind)
    {
        if (tag == DicomTags.SpecificCharacterSet)
        {
            reader.Skip();
            return DicomJsonReadState.CharacterSet();
        }

        var token = DicomJsonReader.Next(ref reader);
        switch (kind)
        {
            case DicomJsonValueKind.BulkDataUri:
                if (!AllowsBulkData(vr))
                {
                    throw Error(state, tag, $"F.2.2 allows \"BulkDataURI\" for binary, numeric and long text VRs, not {vr.Code()}");
                }

                return token == JsonTokenType.String
                    ? new DicomBulkDataReference(tag, vr, reader.GetString()!)
                    : throw Error(state, tag, $"\"BulkDataURI\" must be a string, found {token}");
            case DicomJsonValueKind.InlineBinary:
                return InlineBinary(ref reader, state, tag, vr, token);
            default:
                if (token != JsonTokenType.StartArray)
                {
                    throw Error(state, tag, $"\"Value\" must be an array, found {token}");
                }

                return vr switch
                {
                    DicomVR.SQ => Sequence(ref reader, state, owner, tag),
                    _ when DicomJsonWriter.IsBinary(vr) => throw Error(state, tag, $"{vr.Code()} bytes go in \"InlineBinary\" or \"BulkDataURI\", not \"Value\""),
                    DicomVR.AT => Value(tag, vr, DicomJsonBinaryValues.Tags(ref reader, state, tag)),
                    _ when vr.WordSize() > 0 => Value(tag, vr, DicomJsonBinaryValues.Numbers(ref reader, state, tag, vr)),
                    _ => Value(tag, vr, DicomJsonTextValues.Read(ref reader, state, tag, vr)),
                };
        }
    }

    private static DicomElement InlineBinary(ref Utf8JsonReader reader, DicomJsonReadState state, DicomTag tag, DicomVR vr, JsonTokenType token)
    {
        if (!DicomJsonWriter.IsBinary(vr))
        {
            throw Error(state, tag, $"F.2.7 allows \"InlineBinary\" only for OB, OD, OF, OL, OV, OW and UN, not {vr.Code()}");
        }

        if (token != JsonTokenType.String)
        {
            throw Error(state, tag, $"\"InlineBinary\" must be a base64 string, found {token}");
        }

        if (!reader.TryGetBytesFromBase64(out var bytes))
        {
            throw Error(state, tag, "\"InlineBinary\" is not valid base64");
        }

        // Some files declare encapsulated pixel data OW, and pydicom repeats them, so both are looked at.
        return tag == DicomTags.PixelData && vr is DicomVR.OB or DicomVR.OW && EncapsulatedBytes.TryParse(tag, vr, bytes) is { } fragments
            ? fragments
            : new DicomValueElement(tag, vr, DicomBuffer.FromBytes(bytes));
    }

    private static DicomSequence Sequence(ref Utf8JsonReader reader, DicomJsonReadState state, DicomDataset owner, DicomTag tag)
    {
        var items = new List<DicomDataset>();
        while (DicomJsonReader.Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Error(state, tag, $"Item {items.Count} of the sequence is a {reader.TokenType}; F.2.5 writes an empty item as {{}}");
            }

            state.Steps.Add(new DicomItemStep(tag, items.Count));
            items.Add(DicomJsonReader.ReadObject(ref reader, state, owner));
            state.Steps.RemoveAt(state.Steps.Count - 1);
        }

        return new DicomSequence(tag, DicomVR.SQ, items, undefinedLength: false);
    }

    private static DicomValueElement Value(DicomTag tag, DicomVR vr, byte[] bytes) => new(tag, vr, DicomBuffer.FromBytes(bytes));

    /// <summary>F.2.2: the VRs a bulk data URI may stand for.</summary>
    private static bool AllowsBulkData(DicomVR vr) => DicomJsonWriter.IsBinary(vr) || vr is DicomVR.DS or DicomVR.FL or DicomVR.FD
        or DicomVR.IS or DicomVR.LT or DicomVR.SL or DicomVR.SS or DicomVR.ST or DicomVR.SV or DicomVR.UC or DicomVR.UL
        or DicomVR.US or DicomVR.UT or DicomVR.UV;

    internal static DicomJsonException Error(DicomJsonReadState state, DicomTag tag, string message) => new(message, state.PathTo(tag));
}
