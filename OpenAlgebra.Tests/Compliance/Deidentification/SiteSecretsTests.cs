using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Compliance.Deidentification;

/// <summary>The site secret: configured, or generated once into the data directory's keys.</summary>
public sealed class SiteSecretsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("openalgebra-deid-").FullName;

    [Fact]
    public void Without_configuration_a_key_is_generated_once_owner_only_and_reused()
    {
        var first = Profile();
        var uid = first.Configured.Pseudonymizer.Uid("1.2.3");
        var file = Path.Combine(_data, "keys", "deid.key");

        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(uid, Profile().Configured.Pseudonymizer.Uid("1.2.3"));
        Assert.NotEqual(uid, Profile(TestPolicies.SecretBase64).Configured.Pseudonymizer.Uid("1.2.3"));
    }

    [Fact]
    public void A_configured_secret_is_used_and_writes_no_key_file()
    {
        var profile = Profile(TestPolicies.SecretBase64);

        Assert.Equal(new Pseudonymizer(TestPolicies.Secret, "{pseudonym}").Uid("1.2.3"), profile.Configured.Pseudonymizer.Uid("1.2.3"));
        Assert.False(File.Exists(Path.Combine(_data, "keys", "deid.key")));
    }

    [Fact]
    public void A_short_secret_is_refused_at_start()
    {
        using var services = Services(Convert.ToBase64String(new byte[16]));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeidentificationOptions>>().Value);
        Assert.Contains("SiteSecret must be base64 of at least 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_binds_options_and_the_allow_list()
    {
        using var services = Services(TestPolicies.SecretBase64, new()
        {
            ["OpenAlgebra:Deidentification:ProfileOptions:0"] = "RetainUids",
            ["OpenAlgebra:Deidentification:ProfileOptions:1"] = "cleanDescriptors",
            ["OpenAlgebra:Deidentification:SafePrivate:0:Creator"] = "GEMS_ACQU_01",
            ["OpenAlgebra:Deidentification:SafePrivate:0:Tag"] = "(0019,xx1B)",
            ["OpenAlgebra:Deidentification:PatientNamePattern"] = "ANON^{pseudonym}",
        });

        var policy = services.GetRequiredService<IDeidentificationProfile>().Configured;

        Assert.Equal([ProfileOption.RetainUids, ProfileOption.CleanDescriptors], policy.Options.ProfileOptions);
        Assert.Equal("GEMS_ACQU_01", Assert.Single(policy.Options.SafePrivate).Creator);
        Assert.StartsWith("ANON^OA-", policy.Pseudonymizer.PatientName("x"), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private DeidentificationProfile Profile(string? secret = null) =>
        new DeidentificationProfile(Options.Create(new DeidentificationOptions { SiteSecret = secret }),
            new SiteSecrets(Paths(), LoggerFactory.Create(_ => { }).CreateLogger<SiteSecrets>()), TestPolicies.Product);

    private PlatformPaths Paths() => new(Options.Create(new PlatformOptions { DataDirectory = _data }), new TestHostEnvironment(_data));

    private ServiceProvider Services(string secret, Dictionary<string, string?>? settings = null) =>
        TestPolicies.Services(_data, new Dictionary<string, string?>(settings ?? []) { ["OpenAlgebra:Deidentification:SiteSecret"] = secret });
}
