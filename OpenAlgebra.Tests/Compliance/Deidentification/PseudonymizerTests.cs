using System.Text.RegularExpressions;
using OpenAlgebra.Modules.Compliance.Deidentification;

namespace OpenAlgebra.Tests.Compliance.Deidentification;

public sealed partial class PseudonymizerTests
{
    private static readonly Pseudonymizer Keyed = new(TestPolicies.Secret, "{pseudonym}");

    [Fact]
    public void Replacement_uids_are_valid_2_25_uids_from_a_version_8_uuid()
    {
        foreach (var original in new[] { "1.2.3", "1.2.840.113619.2.1.1.322987881.621.736170080.681", "" })
        {
            var uid = Keyed.Uid(original);

            Assert.Matches(UidPattern(), uid);
            Assert.InRange(uid.Length, 6, 64);
            var value = UInt128.Parse(uid["2.25.".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(8, (int)(value >> 76) & 0xF); // UUID version
            Assert.Equal(2, (int)(value >> 62) & 0x3); // RFC 9562 variant
        }
    }

    [Fact]
    public void The_same_input_and_secret_give_the_same_output_every_time()
    {
        var again = new Pseudonymizer((byte[])TestPolicies.Secret.Clone(), "{pseudonym}");

        // Pinned (computed independently with Python's hmac): a change here breaks the link between uploads made
        // before and after it.
        Assert.Equal("2.25.142550981383847900666294279447791014988", Keyed.Uid("1.2.3"));
        Assert.Equal("OA-BVWH7V3P5FY6CHXG", Keyed.PatientId("4MR1"));
        Assert.Equal(Keyed.Uid("1.2.3"), again.Uid("1.2.3"));
        Assert.Equal(Keyed.Uid("1.2.3"), Keyed.Uid("1.2.3\0"));
        Assert.Equal(Keyed.PatientId("4MR1"), again.PatientId("4MR1"));
        Assert.Equal(Keyed.DateOffsetDays("4MR1"), again.DateOffsetDays("4MR1"));
    }

    [Fact]
    public void Another_secret_gives_other_pseudonyms()
    {
        var other = new Pseudonymizer(Enumerable.Repeat((byte)7, 32).ToArray(), "{pseudonym}");

        Assert.NotEqual(Keyed.Uid("1.2.3"), other.Uid("1.2.3"));
        Assert.NotEqual(Keyed.PatientId("4MR1"), other.PatientId("4MR1"));
    }

    [Fact]
    public void Patient_pseudonyms_are_base32_and_fill_the_name_pattern()
    {
        var id = Keyed.PatientId("4MR1");

        Assert.Matches("^OA-[A-Z2-7]{16}$", id);
        Assert.NotEqual(id, Keyed.PatientId("4MR2"));
        Assert.Equal(id, Keyed.PatientName("4MR1"));
        Assert.Equal($"ANON^{id}", new Pseudonymizer(TestPolicies.Secret, "ANON^{pseudonym}").PatientName("4MR1"));
        Assert.NotEqual(Keyed.Uid("4MR1"), "2.25." + id); // purposes are separated
    }

    [Fact]
    public void Date_offsets_are_whole_weeks_back_within_ten_years()
    {
        var offsets = Enumerable.Range(0, 200).Select(i => Keyed.DateOffsetDays($"patient {i}")).ToList();

        Assert.All(offsets, days =>
        {
            Assert.Equal(0, days % 7);
            Assert.InRange(days, -3640, -7);
        });
        Assert.True(offsets.Distinct().Count() > 150, "offsets should spread over the range");
    }

    [GeneratedRegex(@"^2\.25\.(0|[1-9][0-9]*)$")]
    private static partial Regex UidPattern();
}
