using OpenAlgebra.Modules.Compliance.Deidentification;

namespace OpenAlgebra.Modules.Compliance.PhiScanning;

/// <summary>
/// Finds the original identifiers of one instance inside text, case-insensitively. Matches are word-bounded (no
/// letter or digit on either side), so a family name such as "Lee" is found in "seen by Lee today" but not in
/// "sleep"; pieces shorter than two characters (initials) are not searched, as they match all text.
/// </summary>
internal sealed class IdentifierSearch
{
    private const int MinimumLength = 2;
    private readonly (string Text, string Kind)[] _identifiers;

    public IdentifierSearch(OriginalIdentity original)
    {
        var identifiers = new List<(string, string)>();
        foreach (var part in (original.PatientName ?? "").Split(['^', '=', ' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            identifiers.Add((part, "a component of the original Patient's Name"));
        }

        identifiers.Add((original.PatientId ?? "", "the original Patient ID"));
        identifiers.Add((original.AccessionNumber ?? "", "the original Accession Number"));
        identifiers.Add((original.PatientBirthDate ?? "", BirthDate));
        _identifiers = identifiers.Where(i => i.Item1.Trim().Length >= MinimumLength).Select(i => (i.Item1.Trim(), i.Item2)).Distinct().ToArray();
    }

    public const string BirthDate = "the original Patient's Birth Date";

    /// <summary>What each identifier found in <paramref name="text"/> is, e.g. "the original Patient ID".</summary>
    public IEnumerable<string> FindIn(string text, bool searchBirthDate)
    {
        foreach (var (identifier, kind) in _identifiers)
        {
            if ((searchBirthDate || kind != BirthDate) && ContainsWord(text, identifier))
            {
                yield return kind;
            }
        }
    }

    private static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }
}
