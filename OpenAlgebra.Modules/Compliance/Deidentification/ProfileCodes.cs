namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>
/// Where each option lives in Table E.1-1 (its column header) and how PS3.16 CID 7050 codes it for De-identification
/// Method Code Sequence (0012,0064).
/// </summary>
internal static class ProfileCodes
{
    public const string Scheme = "DCM";

    public static DeidentificationCode BasicProfile { get; } = new("113100", Scheme, "Basic Application Confidentiality Profile");

    private static readonly Dictionary<ProfileOption, (string Column, DeidentificationCode Code)> Options = new()
    {
        [ProfileOption.RetainSafePrivate] = ("Rtn. Safe Priv. Opt.", new("113111", Scheme, "Retain Safe Private Option")),
        [ProfileOption.RetainUids] = ("Rtn. UIDs Opt.", new("113110", Scheme, "Retain UIDs Option")),
        [ProfileOption.RetainDeviceIdentity] = ("Rtn. Dev. Id. Opt.", new("113109", Scheme, "Retain Device Identity Option")),
        [ProfileOption.RetainInstitutionIdentity] = ("Rtn. Inst. Id. Opt.", new("113112", Scheme, "Retain Institution Identity Option")),
        [ProfileOption.RetainPatientCharacteristics] = ("Rtn. Pat. Chars. Opt.", new("113108", Scheme, "Retain Patient Characteristics Option")),
        [ProfileOption.RetainFullDates] = ("Rtn. Long. Full Dates Opt.",
            new("113106", Scheme, "Retain Longitudinal Temporal Information Full Dates Option")),
        [ProfileOption.RetainModifiedDates] = ("Rtn. Long. Modif. Dates Opt.",
            new("113107", Scheme, "Retain Longitudinal Temporal Information Modified Dates Option")),
        [ProfileOption.CleanDescriptors] = ("Clean Desc. Opt.", new("113105", Scheme, "Clean Descriptors Option")),
    };

    public static string ColumnOf(ProfileOption option) => Options[option].Column;

    public static DeidentificationCode CodeOf(ProfileOption option) => Options[option].Code;
}
