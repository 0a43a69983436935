using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Compliance.PhiScanning;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Tests.Compliance.Deidentification;
using OpenAlgebra.Tests.Imaging.Dicom;

namespace OpenAlgebra.Tests.Compliance.PhiScanning;

/// <summary>The scanner against clean output, and against output with a leak planted in it.</summary>
public sealed class PhiScannerTests
{
    private static readonly DicomTag ImageComments = TestPolicies.Tag("ImageComments");

    [Fact]
    public void Clean_output_has_no_findings()
    {
        var (result, policy) = Deidentified();

        Assert.Empty(TestPolicies.Scanner.Scan(result.File, policy, result.Original));
    }

    [Fact]
    public void A_name_inside_a_kept_comment_is_found_case_insensitively()
    {
        var (result, policy) = Deidentified(ProfileOption.CleanDescriptors);
        result.File.Dataset.SetString(ImageComments, DicomVR.LT, "reviewed with compressedsamples, see prior");

        var finding = Assert.Single(TestPolicies.Scanner.Scan(result.File, policy, result.Original));

        Assert.Equal("(0020,4000)", finding.Path);
        Assert.Equal("contains a component of the original Patient's Name", finding.Reason);
    }

    [Fact]
    public void A_comment_the_profile_removes_is_reported_and_so_is_the_name_in_it()
    {
        var (result, policy) = Deidentified();
        result.File.Dataset.SetString(ImageComments, DicomVR.LT, "CompressedSamples");

        var findings = TestPolicies.Scanner.Scan(result.File, policy, result.Original);

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Reason == "Image Comments: the profile's action is X, yet it holds a value");
        Assert.Contains(findings, f => f.Reason == "contains a component of the original Patient's Name");
    }

    [Fact]
    public void Identifiers_deep_in_sequences_are_found_with_their_path()
    {
        var (result, policy) = Deidentified(ProfileOption.CleanDescriptors);
        var inner = new DicomDataset().Put("CodeMeaning", "ordinary words").Put("TextValue", "patient 1CT1 moved");
        var outer = new DicomDataset().PutSequence("ContentSequence", new DicomDataset().Put("ValueType", "TEXT"), inner);
        result.File.Dataset.PutSequence("ContentSequence", outer);

        var finding = Assert.Single(TestPolicies.Scanner.Scan(result.File, policy, result.Original));

        Assert.Equal("(0040,A730)[0].(0040,A730)[1].(0040,A160)", finding.Path);
        Assert.Equal("contains the original Patient ID", finding.Reason);
    }

    [Fact]
    public void A_private_attribute_off_the_allow_list_is_reported()
    {
        var (result, policy) = Deidentified();
        result.File.Dataset.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "GEMS_IDEN_01");
        result.File.Dataset.SetString(new DicomTag(0x0009, 0x1002), DicomVR.SH, "CT01");

        var findings = TestPolicies.Scanner.Scan(result.File, policy, result.Original);

        Assert.Equal(["(0009,0010)", "(0009,1002)"], findings.Select(f => f.Path));
        Assert.All(findings, f => Assert.Equal("private attribute not on the safe-private allow-list", f.Reason));
    }

    [Fact]
    public void A_private_attribute_on_the_allow_list_passes_only_with_the_option()
    {
        var allowed = new DeidentificationOptions { SafePrivate = [new SafePrivateTag { Creator = "GEMS_IDEN_01", Tag = "(0009,xx02)" }] };
        var (result, _) = Deidentified();
        result.File.Dataset.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "GEMS_IDEN_01");
        result.File.Dataset.SetString(new DicomTag(0x0009, 0x1002), DicomVR.SH, "CT01");

        var without = TestPolicies.Scanner.Scan(result.File, TestPolicies.Policy(allowed), result.Original);
        var with = TestPolicies.Scanner.Scan(result.File, TestPolicies.Policy(allowed.With([ProfileOption.RetainSafePrivate])), result.Original);

        Assert.Equal(2, without.Count);
        Assert.Empty(with);
    }

    [Theory]
    [InlineData("StudyID", "S-1")] // Z, Type 2
    [InlineData("ReferringPhysicianName", "Who^Doctor")] // Z, Type 2
    [InlineData("AccessionNumber", "A-77")] // Z, Type 2
    [InlineData("PatientBirthDate", "19700101")] // Z, Type 2
    [InlineData("AcquisitionDate", "20200315")] // X/Z
    public void An_attribute_the_profile_empties_that_still_holds_a_value_is_reported(string keyword, string value)
    {
        var (result, policy) = Deidentified();
        result.File.Dataset.Put(keyword, value);

        var finding = Assert.Single(TestPolicies.Scanner.Scan(result.File, policy, result.Original));

        Assert.Equal(TestPolicies.Tag(keyword).ToString(), finding.Path);
        Assert.EndsWith("yet it holds a value", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_that_keeps_an_attribute_lets_it_hold_its_value()
    {
        var (result, _) = Deidentified(ProfileOption.RetainFullDates);
        result.File.Dataset.Put("AcquisitionDate", "20200315");

        Assert.Empty(TestPolicies.Scanner.Scan(result.File, TestPolicies.Policy(ProfileOption.RetainFullDates), result.Original));
        // Scanned as if the option had been off, every kept date is a finding.
        Assert.Contains(TestPolicies.Scanner.Scan(result.File, TestPolicies.Policy(), result.Original), f => f.Path == "(0008,0022)");
    }

    [Fact]
    public void Dummies_are_allowed_where_the_action_allows_D()
    {
        var (result, policy) = Deidentified();
        result.File.Dataset.Put("InstitutionName", "DEIDENTIFIED"); // X/Z/D
        result.File.Dataset.Put("ContentDate", "19000101"); // Z/D

        Assert.Empty(TestPolicies.Scanner.Scan(result.File, policy, result.Original));
    }

    [Fact]
    public void Original_identifiers_put_back_are_reported()
    {
        var (result, policy) = Deidentified();
        result.File.Dataset.Put("PatientID", "1CT1");
        result.File.Dataset.SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, result.Original.SeriesInstanceUid!);
        result.File.FileMetaInformation.SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, result.Original.SopInstanceUid!);
        result.File.Dataset.SetString(new DicomTag(0x0012, 0x0062), DicomVR.CS, "NO");

        var findings = TestPolicies.Scanner.Scan(result.File, policy, result.Original);

        Assert.Contains(new PhiFinding("(0012,0062)", "Patient Identity Removed is not YES"), findings);
        Assert.Contains(new PhiFinding("(0010,0020)", "Patient ID: the profile's action is Z, yet it holds a value"), findings);
        Assert.Contains(new PhiFinding("(0010,0020)", "contains the original Patient ID"), findings);
        Assert.Contains(new PhiFinding("(0020,000E)", "holds the original Series Instance UID"), findings);
        Assert.Contains(new PhiFinding("(0002,0003)", "holds the original SOP Instance UID"), findings);
    }

    [Fact]
    public void Burned_in_annotation_is_reported()
    {
        var (result, policy) = Deidentified();
        result.File.Dataset.Put("BurnedInAnnotation", "YES");

        Assert.Equal(new PhiFinding("(0028,0301)", "Burned In Annotation is YES: the pixels may show identifying text"),
            Assert.Single(TestPolicies.Scanner.Scan(result.File, policy, result.Original)));
    }

    [Fact]
    public void Names_are_matched_as_words_so_ordinary_text_containing_them_passes()
    {
        var (result, policy) = Deidentified(ProfileOption.CleanDescriptors);
        var original = result.Original with { PatientName = "Lee^Ann" };
        result.File.Dataset.SetString(ImageComments, DicomVR.LT, "sleep study, planned");

        Assert.Empty(TestPolicies.Scanner.Scan(result.File, policy, original));

        result.File.Dataset.SetString(ImageComments, DicomVR.LT, "sleep study for LEE");
        Assert.Single(TestPolicies.Scanner.Scan(result.File, policy, original));
    }

    private static (DeidentifiedDicom Result, IDeidentificationPolicy Policy) Deidentified(params ProfileOption[] options)
    {
        var policy = TestPolicies.Policy(options);
        return (TestPolicies.Deidentifier.Deidentify(TestPolicies.Read(DicomSamples.File("CT_small.dcm")), policy), policy);
    }
}
