using System.Globalization;

namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>One row of PS3.15 Table E.1-1: the Basic Profile action code and each offered option's code ("" when none).</summary>
/// <param name="Value">The tag as (group &lt;&lt; 16) | element, with "x" digits as 0.</param>
/// <param name="Mask">Which bits of <paramref name="Value"/> must match: all of them except for repeating groups such as (60xx,3000).</param>
internal sealed record ProfileRow(string Name, string Tag, uint Value, uint Mask, bool Retired, string Basic, IReadOnlyDictionary<ProfileOption, string> OptionCodes)
{
    public bool Matches(uint tag) => (tag & Mask) == Value;
}

/// <summary>
/// PS3.15 2023b Table E.1-1, embedded as the CSV it was published as (Data/ps3.15-2023b-table-E.1-1.csv) and parsed
/// once. The de-identification policy and the PHI scanner both read it; neither retypes it.
/// </summary>
internal sealed class ProfileTable
{
    public const string ResourceName = "OpenAlgebra.Compliance.Deidentification.ps3.15-2023b-table-E.1-1.csv";

    private static readonly Lazy<ProfileTable> Loaded = new(() => Parse(OpenResource()));

    private ProfileTable(IReadOnlyList<ProfileRow> rows, ProfileRow privateRow)
    {
        Rows = rows;
        Private = privateRow;
        Exact = rows.Where(r => r.Mask == uint.MaxValue).GroupBy(r => r.Value).ToDictionary(g => g.Key, g => g.ToArray());
        Masked = rows.Where(r => r.Mask != uint.MaxValue && !ReferenceEquals(r, privateRow)).ToArray();
    }

    public static ProfileTable Instance => Loaded.Value;

    /// <summary>Every row in the order published, the private-attributes row included.</summary>
    public IReadOnlyList<ProfileRow> Rows { get; }

    /// <summary>"Private Attributes, (gggg,eeee) where gggg is odd".</summary>
    public ProfileRow Private { get; }

    /// <summary>Rows by tag; a few tags are listed twice (the published table repeats some AE Title rows).</summary>
    public IReadOnlyDictionary<uint, ProfileRow[]> Exact { get; }

    /// <summary>Repeating-group rows such as Overlay Data (60xx,3000) and Curve Data (50xx,xxxx).</summary>
    public IReadOnlyList<ProfileRow> Masked { get; }

    /// <summary>The rows for a standard tag: its own, else the repeating-group rows it falls in; empty when unlisted.</summary>
    public IReadOnlyList<ProfileRow> Find(uint tag) =>
        Exact.TryGetValue(tag, out var rows) ? rows : Masked.Where(r => r.Matches(tag)).ToArray();

    internal static ProfileTable Parse(TextReader reader)
    {
        var header = SplitCsv(reader.ReadLine() ?? throw Malformed("it is empty"));
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw Malformed($"column '{name}' is missing");
        int name = Column("Attribute Name"), tag = Column("Tag"), retired = Column("Retd. (from )"), basic = Column("Basic Prof.");
        var optionColumns = Enum.GetValues<ProfileOption>().ToDictionary(o => o, o => Column(ProfileCodes.ColumnOf(o)));

        var rows = new List<ProfileRow>();
        ProfileRow? privateRow = null;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitCsv(line);
            if (fields.Length != header.Length)
            {
                throw Malformed($"row {rows.Count + 2} has {fields.Length} fields, not {header.Length}");
            }

            var codes = optionColumns.Where(c => fields[c.Value].Length > 0).ToDictionary(c => c.Key, c => fields[c.Value]);
            var isPrivate = fields[tag].Contains("odd", StringComparison.Ordinal);
            var (value, mask) = isPrivate ? (0u, 0u) : ParseTag(fields[tag]);
            var row = new ProfileRow(fields[name], fields[tag], value, mask, fields[retired] == "Y", fields[basic], codes);
            rows.Add(row);
            if (isPrivate)
            {
                privateRow = row;
            }
        }

        return new ProfileTable(rows, privateRow ?? throw Malformed("the private attributes row is missing"));
    }

    /// <summary>"(0008,0050)", or a repeating group such as "(60xx,3000)" where each x matches any hex digit.</summary>
    private static (uint Value, uint Mask) ParseTag(string text)
    {
        var digits = text.Trim('(', ')').Replace(",", "", StringComparison.Ordinal);
        if (digits.Length != 8)
        {
            throw Malformed($"'{text}' is not a tag");
        }

        uint value = 0, mask = 0;
        foreach (var c in digits)
        {
            var wild = c is 'x' or 'X';
            value = (value << 4) | (wild ? 0u : uint.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            mask = (mask << 4) | (wild ? 0u : 0xFu);
        }

        return (value, mask);
    }

    /// <summary>Fields of one CSV line: commas separate, double quotes protect commas, "" is a quote.</summary>
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().Trim());
        return fields.ToArray();
    }

    private static StreamReader OpenResource() =>
        new(typeof(ProfileTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The embedded PS3.15 Table E.1-1 is missing from the assembly."));

    private static InvalidDataException Malformed(string why) => new($"The embedded PS3.15 Table E.1-1 is malformed: {why}.");
}
