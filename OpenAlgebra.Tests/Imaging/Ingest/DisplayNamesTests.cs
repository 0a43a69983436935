using OpenAlgebra.Modules.Imaging.Ingest;

namespace OpenAlgebra.Tests.Imaging.Ingest;

public sealed class DisplayNamesTests
{
    public static TheoryData<string?, string> Names => new()
    {
        { "CT_small.dcm", "CT_small.dcm" },
        { "  padded.dcm  ", "padded.dcm" },
        { "invoice\u202Efdp.exe", "invoice_fdp.exe" },
        { "zero\u200Bwidth", "zero_width" },
        { "line\r\nbreak\tand\u0007bell", "line__break_and_bell" },
        { "Röntgen 🩻 Aufnahme.dcm", "Röntgen 🩻 Aufnahme.dcm" },
        { "", "(fallback)" },
        { null, "(fallback)" },
        { "   ", "(fallback)" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Names_keep_what_is_readable_and_lose_what_could_mislead(string? raw, string shown) =>
        Assert.Equal(shown, DisplayNames.Sanitize(raw, "(fallback)"));

    [Fact]
    public void A_broken_surrogate_is_replaced()
    {
        // Not theory data: test discovery would turn the lone surrogate into U+FFFD before it got here.
        Assert.Equal("lone _ surrogate _", DisplayNames.Sanitize("lone \uD800 surrogate \uDC00", "(fallback)"));
    }

    [Fact]
    public void A_long_name_keeps_its_start_and_end_and_never_splits_a_character()
    {
        var name = "study/" + string.Concat(Enumerable.Repeat("🩻", 200)) + "/IM0001.dcm";
        var shown = DisplayNames.Sanitize(name, "");

        Assert.True(shown.Length <= DisplayNames.MaxLength, shown);
        Assert.StartsWith("study/🩻", shown, StringComparison.Ordinal);
        Assert.EndsWith("🩻/IM0001.dcm", shown, StringComparison.Ordinal);
        Assert.Contains('…', shown);
        Assert.DoesNotContain(System.Text.Rune.ReplacementChar, shown.EnumerateRunes());
    }
}
