using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;

namespace OpenAlgebra.Tests.Compliance;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("elevenchars", "at least 12")]
    [InlineData("aaaaaaaaaaaaaaaa", "4 different")]
    [InlineData("my-name-is-jdoe!", "user name")]
    public void Weak_passwords_are_refused_with_the_rule_they_break(string password, string rule)
    {
        var error = Assert.Throws<AccountValidationException>(() => AccountRules.ValidPassword(password, "jdoe", 12));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_cannot_lower_the_minimum_below_12()
    {
        Assert.Throws<AccountValidationException>(() => AccountRules.ValidPassword("elevenchars", "x", 8));
        AccountRules.ValidPassword("twelve chars", "x", 8);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public void Bad_user_names_are_refused(string name) =>
        Assert.Throws<AccountValidationException>(() => AccountRules.ValidUserName(name));

    [Fact]
    public void Roles_parse_case_insensitively_without_duplicates()
    {
        Assert.Equal([Roles.Clinician, Roles.Ops], Roles.Parse("clinician, OPS,Clinician"));
        Assert.Contains("Unknown role 'Root'", Assert.Throws<ArgumentException>(() => Roles.Parse("Root")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Roles.Parse(" , "));
    }
}
