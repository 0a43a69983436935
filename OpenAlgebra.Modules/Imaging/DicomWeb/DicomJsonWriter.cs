using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>Writes data sets as DICOM JSON Model objects (PS3.18 F.2), tracking the item path for bulk data URIs.</summary>
internal sealed class DicomJsonWriter(Utf8JsonWriter json, DicomJsonOptions options)
{
    // Whole base64 quanta, so that each chunk of a value streamed from disk encodes on its own.
    private const int StreamChunk = 3 * 16 * 1024;
    private readonly List<DicomItemStep> _steps = [];

    public void WriteDataset(DicomDataset dataset)
    {
        json.WriteStartObject();
        foreach (var element in InTagOrder(dataset))
        {
            // F.2.2: Group Length attributes are not part of the JSON model.
            if (!element.Tag.IsGroupLength)
            {
                WriteAttribute(dataset, element);
            }
        }

        json.WriteEndObject();
    }

    private void WriteAttribute(DicomDataset dataset, DicomElement element)
    {
        Span<byte> name = stackalloc byte[8];
        element.Tag.Value.TryFormat(name, out _, "X8", CultureInfo.InvariantCulture);
        json.WritePropertyName(name);
        json.WriteStartObject();
        switch (element)
        {
            case DicomSequence sequence:
                WriteSequence(sequence);
                break;
            case DicomFragments fragments:
                // PS3.5 A.4: encapsulated pixel data is OB, whatever an implicit-VR reader's dictionary said (OW).
                WriteVR(DicomVR.OB);
                var length = EncapsulatedBytes.Length(fragments);
                if (length > 0 && !TryWriteBulk(fragments.Tag, length, EncapsulatedBytes.IsInMemory(fragments)))
                {
                    json.WriteBase64String("InlineBinary"u8, EncapsulatedBytes.ToArray(fragments));
                }

                break;
            case DicomBulkDataReference reference:
                WriteVR(reference.VR);
                json.WriteString("BulkDataURI"u8, reference.Uri);
                break;
            case DicomValueElement { VR: DicomVR.UN } unknown when KnownVR(dataset, unknown) is { } known:
                // A standard attribute that came as UN (through a relay that did not know it) holds its value
                // little-endian as implicit VR would (PS3.5 6.2.2), so it can be shown as what it is, as pydicom does.
                WriteAttributeValue(dataset, new DicomValueElement(unknown.Tag, known, unknown.Value));
                break;
            case DicomValueElement value:
                WriteAttributeValue(dataset, value);
                break;
            default:
                throw new InvalidOperationException($"{DicomRegistry.Describe(element.Tag)} is a {element.GetType().Name}, which DICOM JSON cannot hold.");
        }

        json.WriteEndObject();
    }

    private void WriteAttributeValue(DicomDataset dataset, DicomValueElement element)
    {
        WriteVR(element.VR);
        if (IsBinary(element.VR))
        {
            if (element.Length > 0 && !TryWriteBulk(element.Tag, element.Length, element.Value.IsInMemory))
            {
                WriteInline(element.Value);
            }
        }
        else if (!element.Value.IsInMemory)
        {
            // F.2.2 allows a bulk data URI for long text too, but not InlineBinary.
            if (!TryWriteBulk(element.Tag, element.Length, inMemory: false))
            {
                throw new InvalidOperationException(
                    $"{DicomRegistry.Describe(element.Tag)} holds {element.Length} bytes of {element.VR.Code()} on disk; write it with a BulkDataUri function.");
            }
        }
        else
        {
            DicomJsonValues.Write(json, dataset, element);
        }
    }

    /// <summary>The dictionary's VR for an attribute read as UN, when it names one that is not itself opaque.</summary>
    private static DicomVR? KnownVR(DicomDataset dataset, DicomValueElement element) =>
        element.Value.IsInMemory && DicomReader.ImplicitVR(element.Tag, dataset) is var vr && vr is not (DicomVR.UN or DicomVR.SQ) ? vr : null;

    /// <summary>
    /// A sequence that arrived as UN (a relay that did not know it) is written as the SQ it is: its items were
    /// parsed on read, and the JSON model has no way to say "UN holding items" other than opaque bytes.
    /// </summary>
    private void WriteSequence(DicomSequence sequence)
    {
        WriteVR(DicomVR.SQ);
        if (sequence.Items.Count == 0)
        {
            return;
        }

        json.WriteStartArray("Value"u8);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            _steps.Add(new DicomItemStep(sequence.Tag, i));
            WriteDataset(sequence.Items[i]);
            _steps.RemoveAt(_steps.Count - 1);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes a "BulkDataURI" when the options call for one; false when the value goes inline.</summary>
    private bool TryWriteBulk(DicomTag tag, long length, bool inMemory)
    {
        if (options.BulkDataUri is not { } uri || (length <= options.BulkDataThreshold && inMemory))
        {
            return false;
        }

        json.WriteString("BulkDataURI"u8, uri(new DicomTagPath([.. _steps], tag)));
        return true;
    }

    private void WriteInline(DicomBuffer value)
    {
        if (value.IsInMemory)
        {
            json.WriteBase64String("InlineBinary"u8, value.Memory.Span);
            return;
        }

        json.WritePropertyName("InlineBinary"u8);
        using var stream = value.OpenRead();
        var chunk = ArrayPool<byte>.Shared.Rent(StreamChunk);
        try
        {
            bool last;
            do
            {
                var filled = stream.ReadAtLeast(chunk.AsSpan(0, StreamChunk), StreamChunk, throwOnEndOfStream: false);
                last = filled < StreamChunk;
                json.WriteBase64StringSegment(chunk.AsSpan(0, filled), last);
            }
            while (!last);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private void WriteVR(DicomVR vr)
    {
        ReadOnlySpan<byte> code = [(byte)((ushort)vr >> 8), (byte)vr];
        json.WriteString("vr"u8, code);
    }

    /// <summary>VRs whose value is bytes to the JSON model: inline base64 or a bulk data URI (F.2.2).</summary>
    internal static bool IsBinary(DicomVR vr) =>
        vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN;

    /// <summary>F.2.2 orders attributes by tag; a file read as stored may not be, so sort only when needed.</summary>
    private static IEnumerable<DicomElement> InTagOrder(DicomDataset dataset)
    {
        DicomTag? previous = null;
        foreach (var element in dataset)
        {
            if (previous is { } p && element.Tag < p)
            {
                return dataset.OrderBy(e => e.Tag);
            }

            previous = element.Tag;
        }

        return dataset;
    }
}
