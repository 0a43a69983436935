using System.Text.Json;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>The three members of an attribute object that hold its value (F.2.2).</summary>
internal enum DicomJsonValueKind
{
    None,
    Value,
    InlineBinary,
    BulkDataUri,
}

internal static class DicomJsonValueKinds
{
    public static DicomJsonValueKind FromName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("Value"u8) ? DicomJsonValueKind.Value
        : reader.ValueTextEquals("InlineBinary"u8) ? DicomJsonValueKind.InlineBinary
        : reader.ValueTextEquals("BulkDataURI"u8) ? DicomJsonValueKind.BulkDataUri
        : DicomJsonValueKind.None;

    public static string Name(this DicomJsonValueKind kind) => kind == DicomJsonValueKind.BulkDataUri ? "BulkDataURI" : kind.ToString();
}
