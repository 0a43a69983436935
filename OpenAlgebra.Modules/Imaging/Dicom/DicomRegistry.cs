using System.Globalization;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>One attribute of the data dictionary. <see cref="VR"/> may be an ambiguous code such as "xs" or "ox".</summary>
public sealed record DicomRegistryEntry(DicomTag Tag, string VR, string Keyword, string Multiplicity, bool Retired);

/// <summary>
/// The PS3.6 data dictionary, embedded from dictionary.tsv (DCMTK's dicom.dic; see LICENSE-dictionary.txt beside it).
/// Needed to know the VR of elements in Implicit VR transfer syntaxes, and to name tags in messages.
/// </summary>
public static class DicomRegistry
{
    private static readonly Lazy<Tables> Loaded = new(Load);

    /// <summary>The entry for a tag, including repeating groups such as (60xx,3000); null when unknown.</summary>
    public static DicomRegistryEntry? Find(DicomTag tag)
    {
        var tables = Loaded.Value;
        if (tables.Exact.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }

        foreach (var range in tables.Ranges)
        {
            if (range.Contains(tag))
            {
                return range.Entry with { Tag = tag };
            }
        }

        return null;
    }

    public static DicomRegistryEntry? FindByKeyword(string keyword) =>
        Loaded.Value.ByKeyword.TryGetValue(keyword, out var entry) ? entry : null;

    /// <summary>"(0010,0010) PatientName", or just the tag when the dictionary does not know it.</summary>
    public static string Describe(DicomTag tag) => Find(tag) is { } entry ? $"{tag} {entry.Keyword}" : tag.ToString();

    private static Tables Load()
    {
        using var stream = typeof(DicomRegistry).Assembly.GetManifestResourceStream("OpenAlgebra.Imaging.Dicom.dictionary.tsv")
            ?? throw new InvalidOperationException("The embedded DICOM dictionary is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var exact = new Dictionary<uint, DicomRegistryEntry>();
        var byKeyword = new Dictionary<string, DicomRegistryEntry>(StringComparer.Ordinal);
        var ranges = new List<TagRange>();
        reader.ReadLine(); // header
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var fields = line.Split('\t');
            if (fields.Length < 5)
            {
                continue;
            }

            var (group, element) = SplitTag(fields[0]);
            var retired = fields[4].Contains("retired", StringComparison.Ordinal);
            var keyword = fields[2].StartsWith("RETIRED_", StringComparison.Ordinal) ? fields[2]["RETIRED_".Length..] : fields[2];
            if (group.Contains('-', StringComparison.Ordinal) || element.Contains('-', StringComparison.Ordinal))
            {
                var range = TagRange.Parse(group, element, new DicomRegistryEntry(default, fields[1], keyword, fields[3], retired));
                ranges.Add(range);
                continue;
            }

            var tag = new DicomTag(Hex(group), Hex(element));
            var entry = new DicomRegistryEntry(tag, fields[1], keyword, fields[3], retired);
            exact[tag.Value] = entry;
            byKeyword.TryAdd(keyword, entry);
        }

        return new Tables(exact, byKeyword, ranges);
    }

    private static (string Group, string Element) SplitTag(string text)
    {
        var parts = text.Trim('(', ')').Split(',');
        return (parts[0], parts[1]);
    }

    private static ushort Hex(string text) => ushort.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private sealed record Tables(Dictionary<uint, DicomRegistryEntry> Exact, Dictionary<string, DicomRegistryEntry> ByKeyword, List<TagRange> Ranges);

    /// <summary>A repeating group like (6000-60FF,3000), (0020,3100-31FF), or odd-only (gggg-o-gggg,eeee).</summary>
    private sealed record TagRange(ushort GroupLow, ushort GroupHigh, ushort ElementLow, ushort ElementHigh, bool OddGroupsOnly, DicomRegistryEntry Entry)
    {
        public bool Contains(DicomTag tag) =>
            tag.Group >= GroupLow && tag.Group <= GroupHigh && tag.Element >= ElementLow && tag.Element <= ElementHigh
            && (OddGroupsOnly ? (tag.Group & 1) == 1 : ((tag.Group - GroupLow) & 1) == 0);

        public static TagRange Parse(string group, string element, DicomRegistryEntry entry)
        {
            var odd = group.Contains("-o-", StringComparison.Ordinal);
            var (gLow, gHigh) = Bounds(group.Replace("-o-", "-", StringComparison.Ordinal));
            var (eLow, eHigh) = Bounds(element);
            return new TagRange(gLow, gHigh, eLow, eHigh, odd, entry);
        }

        private static (ushort Low, ushort High) Bounds(string text)
        {
            var parts = text.Split('-');
            return (Hex(parts[0]), Hex(parts[^1]));
        }
    }
}
