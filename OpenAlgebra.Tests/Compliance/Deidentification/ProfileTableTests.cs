using OpenAlgebra.Modules.Compliance.Deidentification;

namespace OpenAlgebra.Tests.Compliance.Deidentification;

/// <summary>The embedded PS3.15 Table E.1-1: every published row, with the counts of the published table.</summary>
public sealed class ProfileTableTests
{
    [Fact]
    public void All_611_rows_are_parsed_with_their_codes()
    {
        var table = ProfileTable.Instance;

        Assert.Equal(611, table.Rows.Count);
        Assert.Equal(["X", "D", "U", "Z", "X/D", "X/Z", "X/Z/D", "Z/D", "X/Z/U*"],
            table.Rows.GroupBy(r => r.Basic).OrderByDescending(g => g.Count()).Select(g => g.Key));
        Assert.All(table.Rows.SelectMany(r => r.OptionCodes.Values), code => Assert.True(code is "K" or "C", code));
        Assert.Equal(59, table.Rows.Count(r => r.OptionCodes.ContainsKey(ProfileOption.RetainUids)));
        Assert.Equal(161, table.Rows.Count(r => r.OptionCodes.GetValueOrDefault(ProfileOption.RetainModifiedDates) == "C"));
        Assert.Equal(125, table.Rows.Count(r => r.OptionCodes.ContainsKey(ProfileOption.CleanDescriptors)));
    }

    [Theory]
    [InlineData(0x0010_0010u, "Patient's Name", "Z")]
    [InlineData(0x0008_0050u, "Accession Number", "Z")]
    [InlineData(0x0020_000Du, "Study Instance UID", "U")]
    [InlineData(0x0008_1140u, "Referenced Image Sequence", "X/Z/U*")]
    [InlineData(0x0008_0080u, "Institution Name", "X/Z/D")]
    public void Rows_are_found_by_tag(uint tag, string name, string basic)
    {
        var row = Assert.Single(ProfileTable.Instance.Find(tag));

        Assert.Equal(name, row.Name);
        Assert.Equal(basic, row.Basic);
    }

    [Fact]
    public void Repeating_groups_and_the_private_row_match_by_mask()
    {
        var table = ProfileTable.Instance;

        Assert.Equal("Overlay Data", Assert.Single(table.Find(0x6002_3000)).Name);
        Assert.Equal("Curve Data", Assert.Single(table.Find(0x501E_0010)).Name);
        Assert.Empty(table.Find(0x0028_0010));
        Assert.Equal("X", table.Private.Basic);
        Assert.Equal("C", table.Private.OptionCodes[ProfileOption.RetainSafePrivate]);
    }

    [Fact]
    public void Tags_the_published_table_lists_twice_are_kept_twice()
    {
        var twice = ProfileTable.Instance.Exact.Where(p => p.Value.Length > 1).Select(p => p.Key).Order();

        Assert.Equal([0x0032_1021u, 0x0040_0001u, 0x0040_0241u], twice);
    }
}
