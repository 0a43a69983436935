using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.DicomWeb;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

public sealed class QidoMatchTests
{
    /// <summary>A query and whether the study of <see cref="Study"/> matches it.</summary>
    public static TheoryData<string, bool> Cases => new()
    {
        // Single value: exact and case-sensitive, except person names.
        { "PatientID=PAT-001", true },
        { "PatientID=pat-001", false },
        { "PatientID=PAT-00", false },
        { "PatientName=doe%5Ejohn", true },
        { "PatientName=Doe", false },
        // Wildcards: * any run (none included), ? exactly one character; case ignored (see QidoWildcardMatch).
        { "PatientID=PAT*", true },
        { "PatientID=pat*", true },
        { "PatientID=*001", true },
        { "PatientID=PAT-001*", true },
        { "PatientID=*PAT-001*", true },
        { "PatientID=PAT-00%3F", true },
        { "PatientID=PAT-0%3F", false },
        { "PatientID=%3F%3F%3F%3F%3F%3F%3F", true },
        { "PatientID=%3F%3F%3F%3F%3F%3F", false },
        { "PatientID=P*T*1", true },
        { "PatientID=P*X", false },
        { "PatientID=*-*-*", false },
        // A lone * is universal matching: it takes in empty and absent attributes too.
        { "StudyDescription=*", true },
        { "StudyDescription=**", true },
        { "StudyDescription=a*", false },
        { "StudyDescription=%3F*", false },
        { "ReferringPhysicianName=*", true },
        { "ReferringPhysicianName=", true },
        { "ReferringPhysicianName=Smith*", false },
        // Literal % and _ are characters like any other.
        { "AccessionNumber=100%25_A", true },
        { "AccessionNumber=100%25*", true },
        { "AccessionNumber=100x_A", false },
        { "AccessionNumber=100%25%3FA", true },
        // Ranges, inclusive; an upper bound takes in its whole last unit.
        { "StudyDate=20200101-20201231", true },
        { "StudyDate=20200615-20200615", true },
        { "StudyDate=20200616-", false },
        { "StudyDate=-20200615", true },
        { "StudyDate=-20200614", false },
        { "StudyDate=20200615", true },
        { "StudyTime=14-15", true },
        { "StudyTime=1430-1430", true },
        { "StudyTime=143000.25-143000.25", true },
        { "StudyTime=1431-", false },
        { "StudyTime=-1429", false },
        // Multi-valued attributes match when any value does.
        { "ModalitiesInStudy=MR", true },
        { "ModalitiesInStudy=US", false },
        { "ModalitiesInStudy=M%3F", true },
        // UIDs, one or a list.
        { "StudyInstanceUID=1.2.3", true },
        { "StudyInstanceUID=1.2.4,1.2.3", true },
        { "StudyInstanceUID=1.2.4%5C1.2.5", false },
        // Numbers as numbers.
        { "NumberOfStudyRelatedInstances=12", true },
        { "NumberOfStudyRelatedInstances=12.0", true },
        { "NumberOfStudyRelatedInstances=13", false },
        // Every key must match.
        { "PatientID=PAT*&StudyDate=20200101-", true },
        { "PatientID=PAT*&StudyDate=20210101-", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_data_set_matches_as_PS3_4_C_2_2_2_says(string query, bool matches)
    {
        Assert.Equal(matches, QidoQueryParserTests.Parse(query).Matches(Study()));
    }

    [Fact]
    public void A_value_that_is_not_a_number_matches_no_number()
    {
        var dataset = new DicomDataset();
        dataset.SetString(new DicomTag(0x0020, 0x1208), DicomVR.IS, "1A");

        Assert.False(QidoQueryParserTests.Parse("NumberOfStudyRelatedInstances=1").Matches(dataset));
    }

    internal static DicomDataset Study()
    {
        var study = new DicomDataset();
        study.SetString(DicomTags.PatientId, DicomVR.LO, "PAT-001");
        study.SetString(DicomTags.PatientName, DicomVR.PN, "Doe^John");
        study.SetString(new DicomTag(0x0008, 0x0020), DicomVR.DA, "20200615");
        study.SetString(new DicomTag(0x0008, 0x0030), DicomVR.TM, "143000.25");
        study.SetString(new DicomTag(0x0008, 0x0061), DicomVR.CS, "CT\\MR");
        study.SetString(DicomTags.StudyInstanceUid, DicomVR.UI, "1.2.3");
        study.SetString(new DicomTag(0x0008, 0x0050), DicomVR.SH, "100%_A");
        study.SetString(new DicomTag(0x0020, 0x1208), DicomVR.IS, "12");
        study.SetEmpty(new DicomTag(0x0008, 0x1030), DicomVR.LO);
        return study;
    }
}
