using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Tests.Compliance.Deidentification;
using OpenAlgebra.Tests.Imaging.Dicom;
using Microsoft.Extensions.DependencyInjection;

namespace OpenAlgebra.Tests.Imaging.Deidentification;

public sealed class DicomDeidentifierTests
{
    private static readonly DicomTag ReferencedSopInstanceUid = TestPolicies.Tag("ReferencedSOPInstanceUID");

    [Fact]
    public void Uid_mapping_is_stable_across_runs_and_service_instances()
    {
        var data = Directory.CreateTempSubdirectory("openalgebra-deid-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["OpenAlgebra:Deidentification:SiteSecret"] = TestPolicies.SecretBase64 };
            var uids = Enumerable.Range(0, 2).Select(_ =>
            {
                using var services = TestPolicies.Services(data, settings);
                var policy = services.GetRequiredService<IDeidentificationProfile>().Configured;
                var output = services.GetRequiredService<IDicomDeidentifier>().Deidentify(TestPolicies.Read(DicomSamples.File("CT_small.dcm")), policy).File;
                return Uids(output.Dataset);
            }).ToList();

            Assert.Equal(uids[0], uids[1]);
            Assert.Equal(uids[0], Uids(TestPolicies.Deidentifier.Deidentify(TestPolicies.Read(DicomSamples.File("CT_small.dcm")), TestPolicies.Policy()).File.Dataset));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Instances_of_one_series_keep_one_series_and_their_references_map_to_the_new_uids()
    {
        var first = TestPolicies.Read(DicomSamples.File("CT_small.dcm"));
        var second = TestPolicies.Read(DicomSamples.File("CT_small.dcm"));
        var firstSop = first.Dataset.GetString(DicomTags.SopInstanceUid)!;
        var originalSeries = first.Dataset.GetString(DicomTags.SeriesInstanceUid)!;
        second.Dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, firstSop + ".2");
        var reference = new DicomDataset().Put("ReferencedSOPClassUID", "1.2.840.10008.5.1.4.1.1.2").Put("ReferencedSOPInstanceUID", firstSop);
        var source = new DicomDataset().Put("ReferencedSOPClassUID", "1.2.840.10008.5.1.4.1.1.2").Put("ReferencedSOPInstanceUID", firstSop);
        var instance = new DicomDataset().Put("ReferencedSOPClassUID", "1.2.840.10008.5.1.4.1.1.2").Put("ReferencedSOPInstanceUID", firstSop);
        var series = new DicomDataset().Put("SeriesInstanceUID", originalSeries).PutSequence("ReferencedInstanceSequence", instance);
        second.Dataset.PutSequence("ReferencedImageSequence", reference).PutSequence("SourceImageSequence", source)
            .PutSequence("ReferencedSeriesSequence", series);
        var policy = TestPolicies.Policy();

        var a = TestPolicies.Deidentifier.Deidentify(first, policy).File.Dataset;
        var b = TestPolicies.Deidentifier.Deidentify(second, policy).File.Dataset;

        var newFirstSop = a.GetString(DicomTags.SopInstanceUid);
        Assert.NotEqual(newFirstSop, b.GetString(DicomTags.SopInstanceUid));
        Assert.Equal(a.GetString(DicomTags.SeriesInstanceUid), b.GetString(DicomTags.SeriesInstanceUid));
        Assert.Equal(a.GetString(DicomTags.StudyInstanceUid), b.GetString(DicomTags.StudyInstanceUid));
        Assert.Equal(a.GetString(TestPolicies.Tag("FrameOfReferenceUID")), b.GetString(TestPolicies.Tag("FrameOfReferenceUID")));
        Assert.NotEqual(originalSeries, a.GetString(DicomTags.SeriesInstanceUid));
        Assert.Equal(newFirstSop, Item(b, "ReferencedImageSequence").GetString(ReferencedSopInstanceUid));
        Assert.Equal(newFirstSop, Item(b, "SourceImageSequence").GetString(ReferencedSopInstanceUid));
        var referencedSeries = Item(b, "ReferencedSeriesSequence");
        Assert.Equal(a.GetString(DicomTags.SeriesInstanceUid), referencedSeries.GetString(DicomTags.SeriesInstanceUid));
        Assert.Equal(newFirstSop, Item(referencedSeries, "ReferencedInstanceSequence").GetString(ReferencedSopInstanceUid));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", Item(b, "ReferencedImageSequence").GetString(TestPolicies.Tag("ReferencedSOPClassUID")));
    }

    /// <summary>Per option, attributes in and what comes out without the option and with it.</summary>
    [Theory]
    [InlineData(ProfileOption.RetainUids, "FrameOfReferenceUID", "1.2.3.4", "<uid>", "1.2.3.4")]
    [InlineData(ProfileOption.RetainUids, "SOPInstanceUID", "1.2.3.5", "<uid>", "1.2.3.5")]
    [InlineData(ProfileOption.RetainDeviceIdentity, "DeviceSerialNumber", "SN-4711", "DEIDENTIFIED", "SN-4711")]
    [InlineData(ProfileOption.RetainDeviceIdentity, "StationName", "CT01", "<absent>", "CT01")]
    [InlineData(ProfileOption.RetainDeviceIdentity, "DetectorID", "DET7", "<absent>", "DET7")]
    [InlineData(ProfileOption.RetainInstitutionIdentity, "InstitutionName", "St Elsewhere", "<absent>", "St Elsewhere")]
    [InlineData(ProfileOption.RetainInstitutionIdentity, "InstitutionAddress", "1 Main Street", "<absent>", "1 Main Street")]
    [InlineData(ProfileOption.RetainInstitutionIdentity, "InstitutionalDepartmentName", "Radiology", "<absent>", "Radiology")]
    [InlineData(ProfileOption.RetainPatientCharacteristics, "PatientSex", "F", "", "F")]
    [InlineData(ProfileOption.RetainPatientCharacteristics, "PatientAge", "042Y", "<absent>", "042Y")]
    [InlineData(ProfileOption.RetainPatientCharacteristics, "PatientWeight", "70", "<absent>", "70")]
    [InlineData(ProfileOption.RetainFullDates, "StudyDate", "20200315", "", "20200315")]
    [InlineData(ProfileOption.RetainFullDates, "StudyTime", "101500", "", "101500")]
    [InlineData(ProfileOption.RetainFullDates, "AcquisitionDateTime", "20200315101500", "19000101000000", "20200315101500")]
    [InlineData(ProfileOption.RetainModifiedDates, "StudyDate", "20200315", "", "<shifted>")]
    [InlineData(ProfileOption.RetainModifiedDates, "SeriesDate", "20200315", "19000101", "<shifted>")]
    [InlineData(ProfileOption.RetainModifiedDates, "StudyTime", "101500", "", "101500")]
    [InlineData(ProfileOption.CleanDescriptors, "StudyDescription", "MRI Brain for Smith", "<absent>", "MRI Brain for")]
    [InlineData(ProfileOption.CleanDescriptors, "SeriesDescription", "T1 AX", "<absent>", "T1 AX")]
    [InlineData(ProfileOption.CleanDescriptors, "ImageComments", "john moved, MRN P-0815 rescan", "<absent>", "moved, MRN rescan")]
    [InlineData(ProfileOption.CleanDescriptors, "ProtocolName", "Head routine", "<absent>", "Head routine")]
    public void Each_option_changes_what_it_should(ProfileOption option, string keyword, string value, string without, string with)
    {
        DicomDataset Input() => new DicomDataset().Put("PatientName", "Smith^John").Put("PatientID", "P-0815").Put(keyword, value);
        var tag = TestPolicies.Tag(keyword);

        var plain = TestPolicies.Deidentifier.Deidentify(TestPolicies.FileOf(Input()), TestPolicies.Policy()).File.Dataset;
        var optioned = TestPolicies.Deidentifier.Deidentify(TestPolicies.FileOf(Input()), TestPolicies.Policy(option)).File.Dataset;

        Expect(without, value, plain, tag);
        Expect(with, value, optioned, tag);
    }

    [Fact]
    public void Safe_private_attributes_on_the_allow_list_stay_at_any_depth_and_the_rest_go()
    {
        var options = new DeidentificationOptions
        {
            ProfileOptions = [ProfileOption.RetainSafePrivate],
            SafePrivate = [new SafePrivateTag { Creator = "ACME 1.0", Tag = "(0009,xx01)" }],
        };
        DicomDataset Private(DicomDataset dataset)
        {
            dataset.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME 1.0");
            dataset.SetString(new DicomTag(0x0009, 0x1001), DicomVR.LO, "kV curve 3");
            dataset.SetString(new DicomTag(0x0009, 0x1002), DicomVR.LO, "operator jdoe");
            dataset.SetString(new DicomTag(0x0011, 0x0010), DicomVR.LO, "OTHER");
            dataset.SetString(new DicomTag(0x0011, 0x1001), DicomVR.LO, "whatever");
            return dataset;
        }

        var input = Private(new DicomDataset().Put("PatientID", "P1")).PutSequence("ReferencedImageSequence", Private(new DicomDataset()));

        var kept = TestPolicies.Deidentifier.Deidentify(TestPolicies.FileOf(input), TestPolicies.Policy(options)).File.Dataset;
        var removed = TestPolicies.Deidentifier.Deidentify(TestPolicies.FileOf(input), TestPolicies.Policy()).File.Dataset;

        foreach (var dataset in new[] { kept, Item(kept, "ReferencedImageSequence") })
        {
            Assert.Equal("ACME 1.0", dataset.GetString(new DicomTag(0x0009, 0x0010)));
            Assert.Equal("kV curve 3", dataset.GetString(new DicomTag(0x0009, 0x1001)));
            Assert.False(dataset.Contains(new DicomTag(0x0009, 0x1002)));
            Assert.False(dataset.Contains(new DicomTag(0x0011, 0x0010)));
            Assert.False(dataset.Contains(new DicomTag(0x0011, 0x1001)));
        }

        Assert.DoesNotContain(removed, e => e.Tag.IsPrivate);
        Assert.DoesNotContain(Item(removed, "ReferencedImageSequence"), e => e.Tag.IsPrivate);
        Assert.Empty(TestPolicies.Scanner.Scan(TestPolicies.Deidentifier.Deidentify(TestPolicies.FileOf(input), TestPolicies.Policy(options)).File,
            TestPolicies.Policy(options), new OriginalIdentity("P1", null, null, null, null, null, null)));
    }

    [Fact]
    public void Modified_dates_move_by_one_offset_per_patient()
    {
        var policy = TestPolicies.Policy(ProfileOption.RetainModifiedDates);
        DicomDataset Deidentify(string patient, string studyDate, string acquired) => TestPolicies.Deidentifier.Deidentify(TestPolicies.FileOf(
            new DicomDataset().Put("PatientID", patient).Put("PatientBirthDate", "19700101").Put("StudyDate", studyDate)
                .Put("StudyTime", "101500").Put("AcquisitionDateTime", acquired)), policy).File.Dataset;

        var first = Deidentify("P-1", "20200315", "20200315101500.25+0100");
        var later = Deidentify("P-1", "20211224", "20211224235959");
        var other = Deidentify("P-2", "20200315", "20200315101500");

        var offset = Shift("20200315", first.GetString(TestPolicies.Tag("StudyDate"))!);
        Assert.InRange(offset, -3640, -7);
        Assert.Equal(0, offset % 7);
        Assert.Equal(offset, Shift("20211224", later.GetString(TestPolicies.Tag("StudyDate"))!));
        Assert.NotEqual(offset, Shift("20200315", other.GetString(TestPolicies.Tag("StudyDate"))!));
        Assert.Equal(TestPolicies.Policy().Pseudonymizer.DateOffsetDays("P-1"), offset);
        var acquisition = first.GetString(TestPolicies.Tag("AcquisitionDateTime"))!;
        Assert.Equal(offset, Shift("20200315", acquisition[..8]));
        Assert.Equal("101500.25+0100", acquisition[8..]);
        Assert.Equal("101500", first.GetString(TestPolicies.Tag("StudyTime")));
        Assert.Equal("", first.GetString(TestPolicies.Tag("PatientBirthDate")));
        Assert.Equal("MODIFIED", first.GetString(new DicomTag(0x0028, 0x0303)));
    }

    [Fact]
    public void The_output_says_what_was_done_and_returns_the_original_identity()
    {
        var input = TestPolicies.Read(DicomSamples.File("rtstruct.dcm"));
        var policy = TestPolicies.Policy(ProfileOption.RetainUids, ProfileOption.CleanDescriptors);

        var result = TestPolicies.Deidentifier.Deidentify(input, policy);

        var dataset = result.File.Dataset;
        Assert.Equal(new OriginalIdentity("tPhantom30sep", "Test^Phantom30sep", "19691231", "1", input.Dataset.GetString(DicomTags.StudyInstanceUid),
            input.Dataset.GetString(DicomTags.SeriesInstanceUid), input.Dataset.GetString(DicomTags.SopInstanceUid)), result.Original);
        Assert.Equal("YES", dataset.GetString(new DicomTag(0x0012, 0x0062)));
        Assert.Equal(policy.MethodDescription, dataset.GetStrings(new DicomTag(0x0012, 0x0063)));
        var codes = Assert.IsType<DicomSequence>(dataset[new DicomTag(0x0012, 0x0064)]).Items;
        Assert.Equal(["113100", "113110", "113105"], codes.Select(c => c.GetString(new DicomTag(0x0008, 0x0100))));
        Assert.All(codes, c => Assert.Equal("DCM", c.GetString(new DicomTag(0x0008, 0x0102))));
        Assert.Equal("REMOVED", dataset.GetString(new DicomTag(0x0028, 0x0303)));
        Assert.Equal(policy.Pseudonymizer.PatientId("tPhantom30sep"), dataset.GetString(DicomTags.PatientId));
        Assert.Equal(policy.Pseudonymizer.PatientName("tPhantom30sep"), dataset.GetString(DicomTags.PatientName));
        Assert.Equal(dataset.GetString(DicomTags.SopInstanceUid), result.File.FileMetaInformation.GetString(DicomTags.MediaStorageSopInstanceUid));
        Assert.Equal(new byte[128], result.File.Preamble);
        // The input is left alone.
        Assert.Equal("Test^Phantom30sep", input.Dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Compressed_pixel_data_is_shared_with_the_input_not_copied()
    {
        var input = TestPolicies.Read(DicomSamples.File("JPEG2000.dcm"));

        var output = TestPolicies.Deidentifier.Deidentify(input, TestPolicies.Policy()).File;

        Assert.Same(input.Dataset[DicomTags.PixelData], output.Dataset[DicomTags.PixelData]);
        Assert.IsType<DicomFragments>(output.Dataset[DicomTags.PixelData]);
        Assert.Equal(input.TransferSyntax, output.TransferSyntax);
    }

    [Fact]
    public void De_identifying_CT_small_allocates_little_beside_its_size()
    {
        var bytes = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        var input = TestPolicies.Codec.Read(new MemoryStream(bytes));
        var policy = TestPolicies.Policy();
        TestPolicies.Deidentifier.Deidentify(input, policy); // warm-up: first-call JIT and lazy tables

        var before = GC.GetAllocatedBytesForCurrentThread();
        TestPolicies.Deidentifier.Deidentify(input, policy);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The pixel data (32 KiB of the 39 KiB file) is shared, not copied; what remains are a few hundred small
        // objects (about 25 KB when written), so the whole job costs less than the file's own size.
        Assert.True(allocated < bytes.Length, $"de-identifying CT_small.dcm ({bytes.Length} bytes) allocated {allocated} bytes");
    }

    private static DicomDataset Item(DicomDataset dataset, string keyword) =>
        Assert.IsType<DicomSequence>(dataset[TestPolicies.Tag(keyword)]).Items.Single();

    private static string[] Uids(DicomDataset dataset) =>
        [.. new[] { DicomTags.SopInstanceUid, DicomTags.StudyInstanceUid, DicomTags.SeriesInstanceUid, TestPolicies.Tag("FrameOfReferenceUID") }
            .Select(t => dataset.GetString(t)!)];

    private static int Shift(string from, string to) =>
        DateOnly.ParseExact(to, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).DayNumber
        - DateOnly.ParseExact(from, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).DayNumber;

    private static void Expect(string expected, string original, DicomDataset output, DicomTag tag)
    {
        var actual = output.GetString(tag);
        switch (expected)
        {
            case "<absent>":
                Assert.Null(actual);
                break;
            case "<uid>":
                Assert.StartsWith("2.25.", actual, StringComparison.Ordinal);
                break;
            case "<shifted>":
                Assert.InRange(Shift(original, actual!), -3640, -7);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }
}
