using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

/// <summary>
/// Compares two DICOM JSON documents as JSON, with only these normalizations, each where PS3.18 F.2 allows two
/// spellings or pydicom spells what the standard leaves out:
/// 1. Group Length (gggg0000) attributes of the referee are dropped: F.2.2 says they are not included.
/// 2. "Value": [] counts as no "Value": F.2.5 writes an empty attribute (here: a sequence with no items) without one.
/// 3. "" in a "Value" array counts as null: F.2.5 writes an empty value among several as null.
/// 4. Person name groups that are "" are dropped, and a name with none left counts as null: F.2.2 encodes only the
///    non-empty groups.
/// 5. Spaces around a string value are dropped where PS3.5 6.2 says they are not significant (pydicom keeps a space
///    before a '\' in CS, e.g. "DERIVED \PRIMARY").
/// 6. Numbers are compared as numbers, not as text (1.50 and 1.5, 1e3 and 1000.0 are one JSON number); FL values as
///    32-bit floats, since pydicom writes the float as the double it widened it to and this writer the shortest
///    text that reads back as the same float.
/// And three places where we differ from pydicom on purpose, each accepted only in its exact form:
/// a. Encapsulated pixel data is "OB" here (PS3.5 A.4); pydicom repeats the "OW" some files declare.
/// b. Binary values of a big-endian file are little-endian here: JSON has no transfer syntax for a reader to swap
///    by, so the only readable choice is the one every other syntax uses; pydicom copies the file's bytes.
/// c. Private attributes that are UN here may be typed by pydicom's private dictionaries; only presence is compared.
/// </summary>
internal static class DicomJsonComparison
{
    /// <summary>What the comparison needs to know of the file both sides read.</summary>
    public sealed record Source(bool Encapsulated, bool BigEndian, int PixelWordSize);

    public static IEnumerable<string> Differences(string where, JsonElement expected, JsonElement actual, Source source)
    {
        return Dataset(where, expected, actual, source, topLevel: true);
    }

    private static IEnumerable<string> Dataset(string where, JsonElement expected, JsonElement actual, Source source, bool topLevel)
    {
        var wanted = Attributes(expected).Where(p => !p.Name.EndsWith("0000", StringComparison.Ordinal)).ToDictionary(p => p.Name, p => p.Value);
        var got = Attributes(actual).ToDictionary(p => p.Name, p => p.Value);
        foreach (var name in wanted.Keys.Union(got.Keys).Order(StringComparer.Ordinal))
        {
            var at = $"{where} {name}";
            if (!wanted.TryGetValue(name, out var want))
            {
                yield return $"{at}: not expected, got {got[name]}";
                continue;
            }

            if (!got.TryGetValue(name, out var have))
            {
                yield return $"{at}: missing, expected {want}";
                continue;
            }

            foreach (var difference in Attribute(at, name, want, have, source, topLevel))
            {
                yield return difference;
            }
        }
    }

    private static JsonProperty[] Attributes(JsonElement dataset) =>
        dataset.ValueKind == JsonValueKind.Object ? [.. dataset.EnumerateObject()] : [];

    private static IEnumerable<string> Attribute(string at, string name, JsonElement want, JsonElement have, Source source, bool topLevel)
    {
        var vr = want.GetProperty("vr").GetString();
        var pixelData = topLevel && name == "7FE00010";
        if (pixelData && source.Encapsulated && vr == "OW" && have.GetProperty("vr").GetString() == "OB")
        {
            vr = "OB";
        }

        if (have.GetProperty("vr").GetString() == "UN" && IsPrivateData(name))
        {
            yield break;
        }

        if (have.GetProperty("vr").GetString() != vr)
        {
            yield return $"{at}: vr {have.GetProperty("vr")} != {vr}";
            yield break;
        }

        var wantMembers = Members(want);
        var haveMembers = Members(have);
        if (!wantMembers.Keys.Order().SequenceEqual(haveMembers.Keys.Order()))
        {
            yield return $"{at} ({vr}): members [{string.Join(",", haveMembers.Keys)}] != [{string.Join(",", wantMembers.Keys)}] (expected {want}, got {have})";
            yield break;
        }

        if (wantMembers.TryGetValue("Value", out var wantValues))
        {
            var haveValues = haveMembers["Value"];
            if (wantValues.GetArrayLength() != haveValues.GetArrayLength())
            {
                yield return $"{at} ({vr}): {haveValues.GetArrayLength()} values != {wantValues.GetArrayLength()} (expected {wantValues}, got {haveValues})";
                yield break;
            }

            var i = 0;
            foreach (var (w, h) in wantValues.EnumerateArray().Zip(haveValues.EnumerateArray()))
            {
                var item = $"{at}[{i++}]";
                var differences = vr == "SQ" ? Dataset(item, w, h, source, topLevel: false) : Value(item, vr!, w, h) is { } d ? [d] : [];
                foreach (var difference in differences)
                {
                    yield return difference;
                }
            }
        }

        if (wantMembers.TryGetValue("BulkDataURI", out var uri) && uri.GetString() != haveMembers["BulkDataURI"].GetString())
        {
            yield return $"{at} ({vr}): BulkDataURI {haveMembers["BulkDataURI"]} != {uri}";
        }

        if (wantMembers.TryGetValue("InlineBinary", out var inline))
        {
            var wantBytes = inline.GetBytesFromBase64();
            var haveBytes = haveMembers["InlineBinary"].GetBytesFromBase64();
            var wordSize = pixelData && !source.Encapsulated ? source.PixelWordSize : WordSize(vr!);
            if (source.BigEndian && wordSize > 1)
            {
                wantBytes = ByteOrder.Swapped(wantBytes, wordSize);
            }

            if (!wantBytes.AsSpan().SequenceEqual(haveBytes))
            {
                yield return $"{at} ({vr}): InlineBinary differs: expected {Shorten(inline.GetString())}, got {Shorten(haveMembers["InlineBinary"].GetString())}";
            }
        }
    }

    private static int WordSize(string vr) => vr switch
    {
        "OW" => 2,
        "OF" or "OL" => 4,
        "OD" or "OV" => 8,
        _ => 1,
    };

    /// <summary>A private data element (odd group), not a private creator (gggg,0010-00FF).</summary>
    private static bool IsPrivateData(string name) =>
        DicomTag.Parse(name) is { IsPrivate: true, IsPrivateCreator: false };

    /// <summary>The value members, with an empty "Value" array left out (normalization 2).</summary>
    private static Dictionary<string, JsonElement> Members(JsonElement attribute) => attribute.EnumerateObject()
        .Where(p => p.Name != "vr" && !(p.Name == "Value" && p.Value.GetArrayLength() == 0))
        .ToDictionary(p => p.Name, p => p.Value);

    private static string? Value(string at, string vr, JsonElement want, JsonElement have)
    {
        var w = Normalize(vr, want);
        var h = Normalize(vr, have);
        return w == h ? null : $"{at} ({vr}): expected {w}, got {h}";
    }

    private static string Normalize(string vr, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when Text(vr, value.GetString()!) is var text => text.Length == 0 ? "null" : $"\"{text}\"",
        JsonValueKind.Number when vr == "FL" => ((float)value.GetDouble()).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.Object => PersonName(value),
        _ => value.GetRawText(),
    };

    /// <summary>Spaces around a value are padding under PS3.5 6.2 (trailing only for the long texts and UC).</summary>
    private static string Text(string vr, string text) => vr is "LT" or "ST" or "UT" or "UR" or "UC" ? text.TrimEnd(' ') : text.Trim(' ');

    private static string PersonName(JsonElement name)
    {
        var groups = name.EnumerateObject().Where(p => p.Value.GetString() != "").Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal).ToList();
        return groups.Count == 0 ? "null" : "{" + string.Join(";", groups) + "}";
    }

    private static string? Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;
}
