namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary><c>OpenAlgebra:Deidentification</c>: how studies are de-identified before anything is stored.</summary>
public sealed class DeidentificationOptions
{
    public const string Section = "OpenAlgebra:Deidentification";

    /// <summary>The placeholder in <see cref="PatientNamePattern"/> that becomes the patient's pseudonym.</summary>
    public const string PseudonymPlaceholder = "{pseudonym}";

    /// <summary>
    /// Base64 of at least 32 random bytes that keys every pseudonym, replacement UID and date offset. Unset, a key is
    /// generated once into <c>&lt;data&gt;/keys/deid.key</c>. Changing it breaks the link between re-uploads of a patient.
    /// </summary>
    public string? SiteSecret { get; set; }

    /// <summary>The PS3.15 options in force, e.g. <c>["RetainUids", "CleanDescriptors"]</c>.</summary>
    public List<ProfileOption> ProfileOptions { get; set; } = [];

    /// <summary>Private attributes kept under <see cref="ProfileOption.RetainSafePrivate"/>; every other private attribute is removed.</summary>
    public List<SafePrivateTag> SafePrivate { get; set; } = [];

    /// <summary>What Patient's Name becomes; <c>{pseudonym}</c> is replaced by the Patient ID pseudonym.</summary>
    public string PatientNamePattern { get; set; } = PseudonymPlaceholder;

    /// <summary>A copy with more options switched on (a command's <c>--option</c> on top of the configuration).</summary>
    public DeidentificationOptions With(IEnumerable<ProfileOption> more) => new()
    {
        SiteSecret = SiteSecret,
        ProfileOptions = ProfileOptions.Concat(more).Distinct().ToList(),
        SafePrivate = SafePrivate.ToList(),
        PatientNamePattern = PatientNamePattern,
    };

    /// <summary>What is wrong with these options, one sentence each; empty when they are usable.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ProfileOptions.Contains(ProfileOption.RetainFullDates) && ProfileOptions.Contains(ProfileOption.RetainModifiedDates))
        {
            problems.Add($"{Section}: RetainFullDates and RetainModifiedDates exclude each other.");
        }

        if (SiteSecret is { Length: > 0 } secret && SiteSecrets.Decode(secret) is null)
        {
            problems.Add($"{Section}:SiteSecret must be base64 of at least {SiteSecrets.MinimumBytes} bytes.");
        }

        foreach (var entry in SafePrivate)
        {
            if (entry.Parse() is null)
            {
                problems.Add($"{Section}:SafePrivate entry '{entry.Creator}' '{entry.Tag}' needs a creator and a tag such as (0019,xx1B) in an odd group.");
            }
        }

        var name = PatientNamePattern.Replace(PseudonymPlaceholder, new string('X', 19), StringComparison.Ordinal);
        if (name.Length is 0 or > 64 || name.Any(c => c is '\\' or < ' ' or > '~'))
        {
            problems.Add($"{Section}:PatientNamePattern must give 1 to 64 printable ASCII characters without a backslash.");
        }

        return problems;
    }
}
