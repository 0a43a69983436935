using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.DicomWeb;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

/// <summary>
/// Compares a data set read back from DICOM JSON with the one the codec read from the file, value by value as the
/// codec gives them (text decoded and unpadded, numbers as numbers, bytes as bytes). What JSON cannot carry, or
/// carries differently by design, is accepted in exactly that form:
/// - Specific Character Set: JSON text is Unicode, so the reader declares ISO_IR 192 and stores UTF-8.
/// - Group Length: not in the JSON model (F.2.2).
/// - An attribute that was UN but has a VR in the dictionary comes back with that VR (the writer shows it so).
/// - Encapsulated pixel data comes back as OB fragments; a value written as a bulk data URI comes back as a
///   reference to that URI.
/// And, when the JSON is pydicom's: binary values of big-endian files in the file's byte order; private attributes
/// that were UN typed from pydicom's private dictionaries; encapsulated pixel data as the OW some files declare.
/// </summary>
internal static class DicomDatasetComparison
{
    /// <param name="BulkUri">The URI function the JSON was written with, if any.</param>
    /// <param name="FromPydicom">The JSON is pydicom's, with its three habits listed above.</param>
    /// <param name="BigEndian">The file was big-endian.</param>
    public sealed record Expectations(Func<DicomTagPath, string>? BulkUri, bool FromPydicom, bool BigEndian);

    public static IEnumerable<string> Differences(string where, DicomDataset original, DicomDataset readBack, Expectations expect) =>
        Dataset(where, original, readBack, expect, []);

    private static IEnumerable<string> Dataset(string where, DicomDataset original, DicomDataset readBack, Expectations expect, List<DicomItemStep> steps)
    {
        var seen = new HashSet<DicomTag>();
        foreach (var element in original)
        {
            if (element.Tag.IsGroupLength || element.Tag == DicomTags.SpecificCharacterSet)
            {
                continue;
            }

            seen.Add(element.Tag);
            var at = $"{where} {new DicomTagPath(steps, element.Tag)}";
            if (readBack[element.Tag] is not { } back)
            {
                yield return $"{at}: missing";
                continue;
            }

            foreach (var difference in Element(at, original, element, readBack, back, expect, steps))
            {
                yield return difference;
            }
        }

        foreach (var extra in readBack.Where(e => !seen.Contains(e.Tag) && e.Tag != DicomTags.SpecificCharacterSet))
        {
            yield return $"{where} {new DicomTagPath(steps, extra.Tag)}: not in the original";
        }
    }

    private static IEnumerable<string> Element(string at, DicomDataset owner, DicomElement element, DicomDataset backOwner, DicomElement back, Expectations expect, List<DicomItemStep> steps)
    {
        var vr = ExpectedVR(owner, element);
        if (vr == DicomVR.UN && element.Tag.IsPrivate && !element.Tag.IsPrivateCreator && expect.FromPydicom)
        {
            yield break;
        }

        if (element is DicomFragments && back.VR == DicomVR.OW && expect.FromPydicom)
        {
            vr = DicomVR.OW;
        }

        if (back.VR != vr)
        {
            yield return $"{at}: VR {back.VR} != {vr}";
            yield break;
        }

        if (back is DicomBulkDataReference reference)
        {
            var uri = expect.BulkUri?.Invoke(new DicomTagPath([.. steps], element.Tag));
            if (reference.Uri != uri)
            {
                yield return $"{at}: bulk data URI {reference.Uri} != {uri}";
            }

            yield break;
        }

        switch (element)
        {
            case DicomSequence sequence when back is DicomSequence backSequence:
                if (sequence.Items.Count != backSequence.Items.Count)
                {
                    yield return $"{at}: {backSequence.Items.Count} items != {sequence.Items.Count}";
                    yield break;
                }

                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    steps.Add(new DicomItemStep(element.Tag, i));
                    foreach (var difference in Dataset(at, sequence.Items[i], backSequence.Items[i], expect, steps))
                    {
                        yield return difference;
                    }

                    steps.RemoveAt(steps.Count - 1);
                }

                break;
            case DicomFragments fragments when back is DicomFragments backFragments:
                if (!fragments.OffsetTable.Memory.Span.SequenceEqual(backFragments.OffsetTable.Memory.Span)
                    || fragments.Fragments.Count != backFragments.Fragments.Count
                    || fragments.Fragments.Zip(backFragments.Fragments).Any(p => !p.First.Memory.Span.SequenceEqual(p.Second.Memory.Span)))
                {
                    yield return $"{at}: fragments differ";
                }

                break;
            case DicomValueElement value when back is DicomValueElement backValue:
                var typed = new DicomValueElement(value.Tag, vr, value.Value);
                if (Describe(owner, typed, swapped: expect.FromPydicom && expect.BigEndian) is var want && Describe(backOwner, backValue, swapped: false) is var got && want != got)
                {
                    yield return $"{at} {vr}: '{got}' != '{want}'";
                }

                break;
            default:
                yield return $"{at}: {back.GetType().Name} != {element.GetType().Name}";
                break;
        }
    }

    /// <summary>What the JSON writer shows an element as: the dictionary VR for a UN it knows, OB for encapsulated pixel data.</summary>
    private static DicomVR ExpectedVR(DicomDataset owner, DicomElement element) => element switch
    {
        DicomFragments => DicomVR.OB,
        DicomSequence => DicomVR.SQ,
        DicomValueElement { VR: DicomVR.UN } when DicomReader.ImplicitVR(element.Tag, owner) is var known && known is not (DicomVR.UN or DicomVR.SQ) => known,
        _ => element.VR,
    };

    private static string Describe(DicomDataset owner, DicomValueElement element, bool swapped)
    {
        var probe = new DicomDataset(owner.Parent);
        foreach (var charset in owner.Where(e => e.Tag == DicomTags.SpecificCharacterSet))
        {
            probe.Set(charset);
        }

        probe.Set(element);
        return element.VR switch
        {
            DicomVR.DS or DicomVR.IS => string.Join("\\", probe.GetStrings(element.Tag).Select(v =>
                double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n.ToString("R", CultureInfo.InvariantCulture) : v)),
            _ when element.VR.IsString() => string.Join("\\", probe.GetStrings(element.Tag)),
            DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.FD or DicomVR.SV or DicomVR.UV =>
                string.Join("\\", probe.GetNumbers(element.Tag).Select(n => n.ToString("R", CultureInfo.InvariantCulture))),
            DicomVR.AT => Convert.ToHexString(element.Value.Memory.Span),
            _ => Convert.ToHexString(swapped && ByteOrder.WordSize(element.Tag, element.VR, owner) is > 1 and var size
                ? ByteOrder.Swapped(element.Value.Memory.Span, size)
                : element.Value.Memory.Span),
        };
    }
}
