namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>
/// The options of the PS3.15 Basic Application Level Confidentiality Profile (Table E.1-1) that this platform
/// offers. Clean Pixel Data, Clean Recognizable Visual Features, Clean Graphics and Clean Structured Content are not
/// offered: each needs content-aware processing the platform does not do, so their attributes stay under the Basic
/// Profile's stricter action.
/// </summary>
public enum ProfileOption
{
    RetainSafePrivate,
    RetainUids,
    RetainDeviceIdentity,
    RetainInstitutionIdentity,
    RetainPatientCharacteristics,
    RetainFullDates,
    RetainModifiedDates,
    CleanDescriptors,
}

/// <summary>The command-line names of the options ("retain-uids", "clean-descriptors", …).</summary>
public static class ProfileOptionNames
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<ProfileOption>().Select(Of).ToArray();

    /// <summary>The kebab-case name of an option: <see cref="ProfileOption.RetainFullDates"/> is "retain-full-dates".</summary>
    public static string Of(ProfileOption option) =>
        string.Concat(option.ToString().Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));

    /// <exception cref="ArgumentException">No option has that name.</exception>
    public static ProfileOption Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var option in Enum.GetValues<ProfileOption>())
        {
            if (string.Equals(Of(option), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        throw new ArgumentException($"Unknown de-identification option '{name}'; options are {string.Join(", ", All)}.", nameof(name));
    }
}
