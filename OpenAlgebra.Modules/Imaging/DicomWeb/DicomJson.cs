using System.Text.Encodings.Web;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// The DICOM JSON Model of PS3.18 F.2 (application/dicom+json): WADO-RS metadata, QIDO-RS results, STOW-RS
/// responses, and JSON metadata sent to STOW-RS.
/// </summary>
public static class DicomJson
{
    /// <summary>
    /// Writer settings for DICOM JSON: compact, with text written as the UTF-8 it is (F.2: the model is UTF-8) rather
    /// than \u escapes. The default encoder's extra escaping of '+', '\'' and '&lt;' guards JSON pasted into HTML
    /// script; application/dicom+json is never that, and "e\u002B1" in a description helps nobody.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one data set as a DICOM JSON Model object.</summary>
    public static void Write(Utf8JsonWriter writer, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dataset);
        new DicomJsonWriter(writer, options ?? new DicomJsonOptions()).WriteDataset(dataset);
    }

    /// <summary>Writes data sets as the top-level array of F.2.1 (multiple results). Each may have its own bulk data URIs.</summary>
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<DicomDataset> datasets, Func<DicomDataset, DicomJsonOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(datasets);
        writer.WriteStartArray();
        foreach (var dataset in datasets)
        {
            Write(writer, dataset, options?.Invoke(dataset));
        }

        writer.WriteEndArray();
    }

    /// <summary>One data set as UTF-8 DICOM JSON.</summary>
    public static byte[] ToUtf8Bytes(DicomDataset dataset, DicomJsonOptions? options = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, dataset, options);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a DICOM JSON Model object. JSON text is Unicode, so text is stored as UTF-8 and any Specific Character
    /// Set becomes ISO_IR 192 (added when non-ASCII text needs it); a "BulkDataURI" becomes a
    /// <see cref="DicomBulkDataReference"/>.
    /// </summary>
    /// <exception cref="DicomJsonException">Not JSON, or not the DICOM JSON Model; the message names the attribute.</exception>
    public static DicomDataset Read(ReadOnlySpan<byte> utf8Json) => DicomJsonReader.ReadDataset(utf8Json);

    /// <summary>Reads the top-level array of DICOM JSON Model objects (F.2.1).</summary>
    /// <exception cref="DicomJsonException">Not JSON, or not the DICOM JSON Model; the message names the attribute.</exception>
    public static IReadOnlyList<DicomDataset> ReadArray(ReadOnlySpan<byte> utf8Json) => DicomJsonReader.ReadArray(utf8Json);
}
