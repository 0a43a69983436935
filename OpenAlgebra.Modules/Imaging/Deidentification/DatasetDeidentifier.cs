using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.Deidentification;

/// <summary>
/// Applies a policy to one file's data set and, recursively, to every sequence item in it, building new data sets.
/// Elements that are kept are shared with the input (their values are immutable), so pixel data is never copied.
/// </summary>
internal sealed class DatasetDeidentifier(IDeidentificationPolicy policy, DicomDataset root)
{
    private readonly string _patientId = root.GetString(DicomTags.PatientId) ?? "";
    private int? _dateOffset;
    private TextCleaner? _cleaner;

    private int DateOffset => _dateOffset ??= policy.Pseudonymizer.DateOffsetDays(_patientId);

    private TextCleaner Cleaner => _cleaner ??= new TextCleaner(root);

    public DicomDataset Apply(DicomDataset source, DicomDataset? parent)
    {
        var target = new DicomDataset(parent) { UndefinedLength = source.UndefinedLength };
        Dictionary<uint, string?>? creators = null;
        foreach (var element in source)
        {
            // Group lengths (retired) would be wrong once attributes are removed; readers do not need them.
            if (element.Tag.IsGroupLength)
            {
                continue;
            }

            var action = element.Tag.IsPrivate
                ? policy.ActionForPrivate(element.Tag, CreatorOf(source, element.Tag, creators ??= []))
                : policy.ActionFor(element.Tag);
            if (Transform(element, action, source, target) is { } result)
            {
                target.Append(result);
            }
        }

        return target;
    }

    private DicomElement? Transform(DicomElement element, DeidentificationAction action, DicomDataset source, DicomDataset target)
    {
        if (action == DeidentificationAction.Remove)
        {
            return null;
        }

        switch (element)
        {
            case DicomSequence sequence when action == DeidentificationAction.Empty:
                return new DicomSequence(sequence.Tag, sequence.VR, [], undefinedLength: false);
            case DicomSequence sequence:
                // K, C, D, U on a sequence: keep it, and de-identify each item by the same table.
                var items = sequence.Items.Select(item => Apply(item, target)).ToList();
                return new DicomSequence(sequence.Tag, sequence.VR, items, sequence.UndefinedLength);
            case DicomValueElement value:
                return Transform(value, action, source);
            default:
                // Encapsulated pixel data (or another fragmented value): kept exactly as it is.
                return element;
        }
    }

    private DicomValueElement Transform(DicomValueElement element, DeidentificationAction action, DicomDataset source) => action switch
    {
        DeidentificationAction.Empty => ReplacementValues.Empty(element.Tag, element.VR),
        DeidentificationAction.Dummy when element.VR == DicomVR.UI => ReplaceUids(element, source),
        DeidentificationAction.Dummy => ReplacementValues.Dummy(element.Tag, element.VR),
        DeidentificationAction.ReplaceUid => ReplaceUids(element, source),
        DeidentificationAction.Clean => Clean(element, source),
        DeidentificationAction.Pseudonym => element.Tag == DicomTags.PatientName
            ? ReplacementValues.Ascii(element.Tag, element.VR, policy.Pseudonymizer.PatientName(_patientId))
            : ReplacementValues.Ascii(element.Tag, element.VR, policy.Pseudonymizer.PatientId(_patientId)),
        _ => element,
    };

    /// <summary>Each UID of a (possibly multi-valued) UI value replaced by its keyed replacement, so references stay consistent.</summary>
    private DicomValueElement ReplaceUids(DicomValueElement element, DicomDataset source)
    {
        var uids = source.DecodeText(element).Split('\\');
        for (var i = 0; i < uids.Length; i++)
        {
            var uid = uids[i].Trim('\0', ' ');
            uids[i] = uid.Length == 0 ? "" : policy.Pseudonymizer.Uid(uid);
        }

        return ReplacementValues.Ascii(element.Tag, DicomVR.UI, string.Join('\\', uids));
    }

    /// <summary>
    /// C: dates move by the patient's offset (times stay, a whole-day shift does not change them); text loses the
    /// file's own identifiers; anything else (numbers, codes of binary VRs) has nothing to clean and is kept.
    /// </summary>
    private DicomValueElement Clean(DicomValueElement element, DicomDataset source)
    {
        var vr = element.VR;
        if (vr is DicomVR.DA or DicomVR.DT)
        {
            return DateShifter.Shift(source.DecodeText(element), vr, DateOffset) is { } shifted
                ? ReplacementValues.Ascii(element.Tag, vr, shifted)
                : ReplacementValues.Empty(element.Tag, vr);
        }

        if (!vr.IsString() || vr is DicomVR.TM or DicomVR.UI or DicomVR.DS or DicomVR.IS or DicomVR.AS)
        {
            return element;
        }

        var text = source.DecodeText(element);
        var cleaned = Cleaner.Clean(text);
        if (ReferenceEquals(cleaned, text))
        {
            return element;
        }

        // Re-encoding under ISO 2022 code extensions would need the escape sequences back; empty is the safe value.
        var terms = source.CharacterSetTerms;
        if (terms.Length > 1)
        {
            return ReplacementValues.Empty(element.Tag, vr);
        }

        var encoding = vr.UsesCharacterSet() ? DicomCharacterSet.ForTerm(terms.FirstOrDefault()) : DicomCharacterSet.Latin1;
        var bytes = encoding.GetBytes(cleaned);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr.Padding();
        }

        return new DicomValueElement(element.Tag, vr, DicomBuffer.FromBytes(bytes));
    }

    /// <summary>
    /// The Private Creator that reserves a private element's block (a creator element is its own creator), decoded
    /// once per block: a vendor block holds dozens of elements.
    /// </summary>
    private static string? CreatorOf(DicomDataset source, DicomTag tag, Dictionary<uint, string?> creators)
    {
        var creator = tag.IsPrivateCreator ? tag : tag.PrivateCreatorTag;
        if (!creators.TryGetValue(creator.Value, out var name))
        {
            name = source.GetString(creator);
            creators.Add(creator.Value, name);
        }

        return name;
    }
}
