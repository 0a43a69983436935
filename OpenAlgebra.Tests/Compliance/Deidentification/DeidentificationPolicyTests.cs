using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using static OpenAlgebra.Modules.Compliance.Deidentification.DeidentificationAction;

namespace OpenAlgebra.Tests.Compliance.Deidentification;

public sealed class DeidentificationPolicyTests
{
    [Theory]
    // Combined codes resolved by the attribute's type: Type 3 → X, Type 2 → Z, Type 1 → D.
    [InlineData(0x0008_0080u, Remove)] // Institution Name, X/Z/D, Type 3
    [InlineData(0x0008_1010u, Remove)] // Station Name, X/Z/D, Type 3
    [InlineData(0x0018_1030u, Remove)] // Protocol Name, X/D, Type 3
    [InlineData(0x0008_0022u, Empty)] // Acquisition Date, X/Z, Type 2 in PET
    [InlineData(0x0018_0010u, Empty)] // Contrast/Bolus Agent, Z/D, Type 2
    [InlineData(0x0008_1111u, Empty)] // Referenced Performed Procedure Step Sequence, X/Z/D, Type 2 in SR
    [InlineData(0x0008_0023u, Dummy)] // Content Date, Z/D, Type 1 in SR and enhanced IODs
    [InlineData(0x0018_1000u, Dummy)] // Device Serial Number, X/Z/D, Type 1 in Enhanced General Equipment
    [InlineData(0x0008_002Au, Dummy)] // Acquisition DateTime, X/Z/D, Type 1C in enhanced images
    // Unknown type: the last code, valid whatever the IOD.
    [InlineData(0x2200_0005u, Empty)] // Barcode Value, X/Z
    [InlineData(0x0018_9516u, Dummy)] // Start Acquisition DateTime, X/D
    // X/Z/U*: the sequence stays and its UIDs are replaced.
    [InlineData(0x0008_1140u, ReplaceUid)] // Referenced Image Sequence
    [InlineData(0x0008_2112u, ReplaceUid)] // Source Image Sequence
    // Single codes.
    [InlineData(0x0010_0010u, Pseudonym)] // Patient's Name, Z with the pseudonym
    [InlineData(0x0010_0020u, Pseudonym)] // Patient ID, Z with the pseudonym
    [InlineData(0x0010_0030u, Empty)] // Patient's Birth Date, Z
    [InlineData(0x0008_0050u, Empty)] // Accession Number, Z
    [InlineData(0x0020_000Du, ReplaceUid)] // Study Instance UID, U
    [InlineData(0x0008_1155u, ReplaceUid)] // Referenced SOP Instance UID, U
    [InlineData(0x0040_A730u, Dummy)] // Content Sequence, D: items de-identified in turn
    [InlineData(0x0010_1010u, Remove)] // Patient's Age, X
    [InlineData(0x6000_3000u, Remove)] // Overlay Data, X, a repeating group
    [InlineData(0x6010_3000u, Remove)] // Overlay Data in another group of the range
    [InlineData(0x0028_0010u, Keep)] // Rows: not in the table
    [InlineData(0x7FE0_0010u, Keep)] // Pixel Data: not in the table
    public void The_basic_profile_resolves_each_code(uint tag, DeidentificationAction expected)
    {
        Assert.Equal(expected, TestPolicies.Policy().ActionFor(DicomTag.FromValue(tag)));
    }

    [Fact]
    public void Every_resolution_keeps_the_listed_iod_types_valid()
    {
        var policy = TestPolicies.Policy();
        foreach (var (tag, type) in IodAttributeTypes.All)
        {
            var action = policy.ActionFor(DicomTag.FromValue(tag));
            Assert.True(type == IodType.Type3 || action != Remove, $"{DicomTag.FromValue(tag)} is {type} but removed");
            Assert.True(type != IodType.Type1 || action != Empty, $"{DicomTag.FromValue(tag)} is {type} but emptied");
        }
    }

    /// <summary>A handful of attributes per option: the action without it, and with it.</summary>
    [Theory]
    [InlineData(ProfileOption.RetainUids, 0x0008_0018u, ReplaceUid, Keep)] // SOP Instance UID
    [InlineData(ProfileOption.RetainUids, 0x0020_0052u, ReplaceUid, Keep)] // Frame of Reference UID
    [InlineData(ProfileOption.RetainUids, 0x0008_1110u, Remove, Keep)] // Referenced Study Sequence
    [InlineData(ProfileOption.RetainDeviceIdentity, 0x0018_1000u, Dummy, Keep)] // Device Serial Number
    [InlineData(ProfileOption.RetainDeviceIdentity, 0x0008_1010u, Remove, Keep)] // Station Name
    [InlineData(ProfileOption.RetainDeviceIdentity, 0x0008_0055u, Remove, Clean)] // Station AE Title
    [InlineData(ProfileOption.RetainDeviceIdentity, 0x0040_0241u, Remove, Clean)] // Performed Station AE Title: listed K and C, C wins
    [InlineData(ProfileOption.RetainInstitutionIdentity, 0x0008_0080u, Remove, Keep)] // Institution Name
    [InlineData(ProfileOption.RetainInstitutionIdentity, 0x0008_0081u, Remove, Keep)] // Institution Address
    [InlineData(ProfileOption.RetainInstitutionIdentity, 0x0008_1040u, Remove, Keep)] // Institutional Department Name
    [InlineData(ProfileOption.RetainPatientCharacteristics, 0x0010_0040u, Empty, Keep)] // Patient's Sex
    [InlineData(ProfileOption.RetainPatientCharacteristics, 0x0010_1010u, Remove, Keep)] // Patient's Age
    [InlineData(ProfileOption.RetainPatientCharacteristics, 0x0010_1030u, Remove, Keep)] // Patient's Weight
    [InlineData(ProfileOption.RetainPatientCharacteristics, 0x0038_0050u, Remove, Clean)] // Special Needs
    [InlineData(ProfileOption.RetainFullDates, 0x0008_0020u, Empty, Keep)] // Study Date
    [InlineData(ProfileOption.RetainFullDates, 0x0008_0030u, Empty, Keep)] // Study Time
    [InlineData(ProfileOption.RetainFullDates, 0x0008_002Au, Dummy, Keep)] // Acquisition DateTime
    [InlineData(ProfileOption.RetainModifiedDates, 0x0008_0020u, Empty, Clean)] // Study Date
    [InlineData(ProfileOption.RetainModifiedDates, 0x0008_0021u, Dummy, Clean)] // Series Date
    [InlineData(ProfileOption.RetainModifiedDates, 0x0010_0030u, Empty, Empty)] // Patient's Birth Date: not a longitudinal date
    [InlineData(ProfileOption.CleanDescriptors, 0x0008_1030u, Remove, Clean)] // Study Description
    [InlineData(ProfileOption.CleanDescriptors, 0x0008_103Eu, Remove, Clean)] // Series Description
    [InlineData(ProfileOption.CleanDescriptors, 0x0020_4000u, Remove, Clean)] // Image Comments
    [InlineData(ProfileOption.CleanDescriptors, 0x0018_1030u, Remove, Clean)] // Protocol Name
    [InlineData(ProfileOption.CleanDescriptors, 0x0010_0010u, Pseudonym, Pseudonym)] // Patient's Name is no descriptor
    public void Each_option_changes_its_attributes(ProfileOption option, uint tag, DeidentificationAction without, DeidentificationAction with)
    {
        var dicomTag = DicomTag.FromValue(tag);

        Assert.Equal(without, TestPolicies.Policy().ActionFor(dicomTag));
        Assert.Equal(with, TestPolicies.Policy(option).ActionFor(dicomTag));
    }

    [Fact]
    public void When_options_disagree_the_cleaning_one_wins()
    {
        // Date of Last Detector Calibration: Retain Device Identity K, Retain Modified Dates C.
        var tag = new DicomTag(0x0018, 0x700C);

        Assert.Equal(Keep, TestPolicies.Policy(ProfileOption.RetainDeviceIdentity).ActionFor(tag));
        Assert.Equal(Clean, TestPolicies.Policy(ProfileOption.RetainDeviceIdentity, ProfileOption.RetainModifiedDates).ActionFor(tag));
    }

    [Fact]
    public void Private_attributes_are_kept_only_when_allow_listed_and_the_option_is_on()
    {
        var options = new DeidentificationOptions
        {
            ProfileOptions = [ProfileOption.RetainSafePrivate],
            SafePrivate = [new SafePrivateTag { Creator = "GEMS_ACQU_01", Tag = "(0019,xx1B)" }],
        };
        var policy = TestPolicies.Policy(options);

        Assert.Equal(Keep, policy.ActionForPrivate(new DicomTag(0x0019, 0x101B), "GEMS_ACQU_01"));
        Assert.Equal(Keep, policy.ActionForPrivate(new DicomTag(0x0019, 0x111B), "GEMS_ACQU_01 ")); // another block, padded creator
        Assert.Equal(Keep, policy.ActionForPrivate(new DicomTag(0x0019, 0x0010), "GEMS_ACQU_01")); // the creator element
        Assert.Equal(Remove, policy.ActionForPrivate(new DicomTag(0x0019, 0x101C), "GEMS_ACQU_01")); // another element
        Assert.Equal(Remove, policy.ActionForPrivate(new DicomTag(0x0019, 0x101B), "SIEMENS")); // another creator
        Assert.Equal(Remove, policy.ActionForPrivate(new DicomTag(0x0021, 0x101B), "GEMS_ACQU_01")); // another group
        Assert.Equal(Remove, policy.ActionForPrivate(new DicomTag(0x0019, 0x101B), null)); // no creator
        var optionOff = TestPolicies.Policy(new DeidentificationOptions { SafePrivate = options.SafePrivate });
        Assert.Equal(Remove, optionOff.ActionForPrivate(new DicomTag(0x0019, 0x101B), "GEMS_ACQU_01"));
        Assert.Equal(Remove, policy.ActionFor(new DicomTag(0x0019, 0x101B)));
    }

    [Fact]
    public void The_policy_describes_itself_for_the_output()
    {
        var basic = TestPolicies.Policy();
        var options = TestPolicies.Policy(ProfileOption.CleanDescriptors, ProfileOption.RetainModifiedDates, ProfileOption.RetainUids);

        Assert.Equal(["113100"], basic.MethodCodes.Select(c => c.Value));
        Assert.Equal("REMOVED", basic.LongitudinalTemporalInformation);
        Assert.Equal(["113100", "113110", "113107", "113105"], options.MethodCodes.Select(c => c.Value));
        Assert.All(options.MethodCodes, c => Assert.Equal("DCM", c.Scheme));
        Assert.Equal("MODIFIED", options.LongitudinalTemporalInformation);
        Assert.Equal("UNMODIFIED", TestPolicies.Policy(ProfileOption.RetainFullDates).LongitudinalTemporalInformation);
        Assert.Equal(
            ["PS3.15 2023b E.1-1 Basic Application Confidentiality Profile", "Retain UIDs Option",
             "Retain Longitudinal Temporal Information Modified Dates Option", "Clean Descriptors Option", "OpenAlgebra 1.2.3"],
            options.MethodDescription);
        Assert.All(options.MethodDescription, value => Assert.InRange(value.Length, 1, 64));
    }

    [Theory]
    [InlineData("retain-uids", ProfileOption.RetainUids)]
    [InlineData("retain-device-identity", ProfileOption.RetainDeviceIdentity)]
    [InlineData("retain-institution-identity", ProfileOption.RetainInstitutionIdentity)]
    [InlineData("retain-patient-characteristics", ProfileOption.RetainPatientCharacteristics)]
    [InlineData("retain-full-dates", ProfileOption.RetainFullDates)]
    [InlineData("retain-modified-dates", ProfileOption.RetainModifiedDates)]
    [InlineData("retain-safe-private", ProfileOption.RetainSafePrivate)]
    [InlineData("Clean-Descriptors", ProfileOption.CleanDescriptors)]
    public void Options_have_command_line_names(string name, ProfileOption option)
    {
        Assert.Equal(option, ProfileOptionNames.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), ProfileOptionNames.Of(option));
    }

    [Fact]
    public void Unusable_options_are_named()
    {
        var options = new DeidentificationOptions
        {
            SiteSecret = Convert.ToBase64String(new byte[16]),
            ProfileOptions = [ProfileOption.RetainFullDates, ProfileOption.RetainModifiedDates],
            SafePrivate = [new SafePrivateTag { Creator = "ACME", Tag = "(0018,xx01)" }],
            PatientNamePattern = "ANON\\{pseudonym}",
        };

        var problems = options.Problems();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("exclude each other", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("SiteSecret", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("SafePrivate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PatientNamePattern", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => ProfileOptionNames.Parse("retain-everything"));
    }
}
