using System.Text;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.Deidentification;

/// <summary>
/// The C (clean) action for text: removes the identifiers the file itself holds — every component of every person
/// name at its top level, the patient's IDs, birth date, address, telephone numbers and Accession Number — wherever
/// they occur as whole words, case-insensitively, and keeps the rest of the description. It cannot know identifiers
/// the file does not hold; the attributes the profile cleans are chosen as the ones that rarely carry others.
/// </summary>
internal sealed class TextCleaner
{
    private static readonly DicomTag[] Identifiers =
    [
        DicomTags.PatientId,
        new(0x0010, 0x1000), // Other Patient IDs
        new(0x0008, 0x0050), // Accession Number
        new(0x0010, 0x0030), // Patient's Birth Date
        new(0x0010, 0x1040), // Patient's Address
        new(0x0010, 0x1090), // Medical Record Locator
        new(0x0010, 0x2154), // Patient's Telephone Numbers
    ];

    private readonly string[] _words;

    public TextCleaner(DicomDataset root)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in root)
        {
            if (element is DicomValueElement { VR: DicomVR.PN } name)
            {
                words.UnionWith(root.DecodeText(name).Split(['^', '=', ' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries));
            }
        }

        foreach (var tag in Identifiers)
        {
            words.UnionWith(root.GetStrings(tag));
        }

        // Longest first, so that "Smithson" goes whole rather than leaving "son" after "Smith".
        _words = words.Select(w => w.Trim()).Where(w => w.Length >= 2).OrderByDescending(w => w.Length).ToArray();
    }

    public string Clean(string text)
    {
        var result = text;
        foreach (var word in _words)
        {
            result = RemoveWord(result, word);
        }

        return ReferenceEquals(result, text) ? text : string.Join(' ', result.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string RemoveWord(string text, string word)
    {
        StringBuilder? cleaned = null;
        var copied = 0;
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if (at < copied || (at > 0 && char.IsLetterOrDigit(text[at - 1])) || (end < text.Length && char.IsLetterOrDigit(text[end])))
            {
                continue;
            }

            cleaned ??= new StringBuilder(text.Length);
            cleaned.Append(text, copied, at - copied);
            copied = end;
        }

        return cleaned is null ? text : cleaned.Append(text, copied, text.Length - copied).ToString();
    }
}
