using Microsoft.AspNetCore.WebUtilities;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.DicomWeb;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

public sealed class QidoQueryParserTests
{
    /// <summary>A query string and the one matching key it makes, described as Describe() does; "universal" for none.</summary>
    public static TheoryData<string, string> Keys => new()
    {
        { "PatientID=123", "single (0010,0020) LO 123" },
        { "00100020=123", "single (0010,0020) LO 123" },
        { "PatientID=%20123%20", "single (0010,0020) LO 123" },
        { "PatientID=12-34", "single (0010,0020) LO 12-34" },
        { "PatientName=Doe*", "wildcard (0010,0010) PN Doe*" },
        { "PatientName=D%3Fe", "wildcard (0010,0010) PN D?e" },
        { "PatientName=", "universal" },
        { "PatientName=*", "universal" },
        { "PatientName=**", "universal" },
        { "StudyDate=*", "universal" },
        { "StudyDate=20200101-20201231", "range (0008,0020) DA 20200101..20201231" },
        { "StudyDate=20200101-", "range (0008,0020) DA 20200101..∞" },
        { "StudyDate=-20201231", "range (0008,0020) DA ∞..20201231" },
        { "StudyDate=20200229", "single (0008,0020) DA 20200229" },
        { "StudyTime=0900-17", "range (0008,0030) TM 0900..175959.999999" },
        { "StudyTime=101010.5", "single (0008,0030) TM 101010.5" },
        { "AcquisitionDateTime=20200101120000-0500", "single (0008,002A) DT 20200101120000-0500" },
        { "AcquisitionDateTime=2020-2021", "range (0008,002A) DT 2020..20211231235959.999999" },
        { "AcquisitionDateTime=20200101-0500-2021", "range (0008,002A) DT 20200101-0500..20211231235959.999999" },
        { "StudyInstanceUID=1.2.3", "single (0020,000D) UI 1.2.3" },
        { "StudyInstanceUID=1.2.3,1.2.4", "list (0020,000D) UI 1.2.3|1.2.4" },
        { "StudyInstanceUID=1.2.3%5C1.2.4", "list (0020,000D) UI 1.2.3|1.2.4" },
        { "ModalitiesInStudy=CT", "single (0008,0061) CS CT" },
        { "ModalitiesInStudy=C%3F", "wildcard (0008,0061) CS C?" },
        { "AccessionNumber=100%25*", "wildcard (0008,0050) SH 100%*" },
        { "NumberOfStudyRelatedInstances=5", "single (0020,1208) IS 5" },
        { "PatientWeight=70.5", "single (0010,1030) DS 70.5" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_value_becomes_the_matching_the_standard_gives_it(string query, string expected)
    {
        var parsed = Parse(query);

        Assert.Equal(expected, parsed.MatchingKeys is [var key] ? Describe(key) : parsed.MatchingKeys.Count == 0 ? "universal" : "several");
    }

    public static TheoryData<string, string> Errors => new()
    {
        { "Foo=1", "Foo: 'Foo' is not a DICOM keyword (PS3.6) or a tag of eight hex digits." },
        { "patientid=1", "patientid: 'patientid' is not a DICOM keyword (PS3.6) or a tag of eight hex digits." },
        { "0010002=1", "0010002: '0010002' is not a DICOM keyword (PS3.6) or a tag of eight hex digits." },
        { "00191010=1", "00191010: (0019,1010) is not an attribute of the data dictionary (PS3.6)." },
        { "ReferencedSeriesSequence.SeriesInstanceUID=1", "ReferencedSeriesSequence.SeriesInstanceUID: 'ReferencedSeriesSequence.SeriesInstanceUID' is an attribute inside a sequence; sequence matching is not supported." },
        { "ReferencedSeriesSequence=1", "ReferencedSeriesSequence: (0008,1115) ReferencedSeriesSequence has VR SQ, which cannot be matched; ask for it with includefield." },
        { "StudyDate=2020-01-01", "StudyDate: '2020-01-01' is not a range of DA values (YYYYMMDD-YYYYMMDD, either side may be left open) for (0008,0020) StudyDate." },
        { "StudyDate=20201301", "StudyDate: '20201301' is not a DA value (YYYYMMDD) or a range of them (from-to, from-, -to) for (0008,0020) StudyDate." },
        { "StudyDate=-", "StudyDate: '-' is not a range of DA values (YYYYMMDD-YYYYMMDD, either side may be left open) for (0008,0020) StudyDate." },
        { "StudyDate=20201231-20200101", "StudyDate: '20201231-20200101': the range ends before it starts." },
        { "StudyDate=2020*", "StudyDate: '2020*': (0008,0020) StudyDate is DA, which takes no wildcards (PS3.4 C.2.2.2.4)." },
        { "StudyTime=2500", "StudyTime: '2500' is not a TM value (HH[MM[SS[.FFFFFF]]]) or a range of them (from-to, from-, -to) for (0008,0030) StudyTime." },
        { "StudyInstanceUID=1.2.x", "StudyInstanceUID: '1.2.x' is not a UID (digits and dots, at most 64 characters)." },
        { "StudyInstanceUID=1..2", "StudyInstanceUID: '1..2' is not a UID (digits and dots, at most 64 characters)." },
        { "StudyInstanceUID=1.2,", "StudyInstanceUID: '' is not a UID (digits and dots, at most 64 characters)." },
        { "StudyTime=1010.5", "StudyTime: '1010.5' is not a TM value (HH[MM[SS[.FFFFFF]]]) or a range of them (from-to, from-, -to) for (0008,0030) StudyTime." },
        { "StudyTime=101060.", "StudyTime: '101060.' is not a TM value (HH[MM[SS[.FFFFFF]]]) or a range of them (from-to, from-, -to) for (0008,0030) StudyTime." },
        { "AcquisitionDateTime=202013", "AcquisitionDateTime: '202013' is not a DT value (YYYY[MM[DD[HH[MM[SS[.FFFFFF]]]]]][±HHMM]) or a range of them (from-to, from-, -to) for (0008,002A) AcquisitionDateTime." },
        { "StudyInstanceUID=1.2.*", "StudyInstanceUID: '1.2.*': (0020,000D) StudyInstanceUID is UI, which takes no wildcards (PS3.4 C.2.2.2.4)." },
        { "PatientID=a%5Cb", "PatientID: 'a\\b': only UIDs may be given as a list." },
        { "PatientID=1&PatientID=2", "PatientID: (0010,0020) PatientID is given more than once; give one value, or a comma-separated list of UIDs." },
        { "PatientID=1&00100020=2", "00100020: (0010,0020) PatientID is given more than once; give one value, or a comma-separated list of UIDs." },
        { "NumberOfStudyRelatedInstances=many", "NumberOfStudyRelatedInstances: 'many' is not a number, which (0020,1208) NumberOfStudyRelatedInstances (IS) holds." },
        { "limit=-1", "limit: '-1' is not a whole number from 0 to 2147483647." },
        { "limit=ten", "limit: 'ten' is not a whole number from 0 to 2147483647." },
        { "limit=10&limit=20", "limit: '10,20' is not a whole number from 0 to 2147483647." },
        { "offset=1.5", "offset: '1.5' is not a whole number from 0 to 2147483647." },
        { "offset=99999999999", "offset: '99999999999' is not a whole number from 0 to 2147483647." },
        { "fuzzymatching=maybe", "fuzzymatching: 'maybe' is neither true nor false." },
        { "includefield=PatientID,Nonsense", "includefield: 'Nonsense' is not a DICOM keyword (PS3.6) or a tag of eight hex digits." },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_parameter_that_cannot_be_understood_is_refused_with_a_message_naming_it(string query, string message)
    {
        var error = Assert.Throws<QidoQueryException>(() => Parse(query));

        Assert.Equal(message, error.Message);
        Assert.Equal(message[..message.IndexOf(':', StringComparison.Ordinal)], error.Parameter);
    }

    [Fact]
    public void Includefield_takes_keywords_and_tags_listed_or_repeated_on_top_of_the_levels_defaults_and_the_keys()
    {
        var query = Parse("includefield=00081030,%20PatientAge&includefield=SeriesDescription&PatientWeight=70&ModalitiesInStudy=");

        Assert.False(query.IncludeAllAttributes);
        Assert.Equal(query.ReturnAttributes.Order(), query.ReturnAttributes);
        Assert.Superset(
            new HashSet<DicomTag>([T(0x0008, 0x1030), T(0x0010, 0x1010), T(0x0008, 0x103E), T(0x0010, 0x1030), T(0x0008, 0x0061),
                T(0x0010, 0x0010), T(0x0020, 0x000D), T(0x0008, 0x0020), T(0x0020, 0x1208)]),
            new HashSet<DicomTag>(query.ReturnAttributes));
        Assert.True(Parse("includefield=all").IncludeAllAttributes);
    }

    [Fact]
    public void The_default_attributes_follow_the_level_and_the_scope_of_the_resource()
    {
        var allSeries = Parse("", QidoLevel.Series);
        var seriesOfAStudy = Parse("", QidoLevel.Series, QidoLevel.Study);
        var instancesOfASeries = Parse("", QidoLevel.Instance, QidoLevel.Series);

        Assert.Contains(DicomTags.PatientName, allSeries.ReturnAttributes);
        Assert.Contains(DicomTags.Modality, allSeries.ReturnAttributes);
        Assert.DoesNotContain(DicomTags.PatientName, seriesOfAStudy.ReturnAttributes);
        Assert.Contains(DicomTags.SeriesInstanceUid, seriesOfAStudy.ReturnAttributes);
        Assert.Equal(
            [T(0x0008, 0x0005), T(0x0008, 0x0016), T(0x0008, 0x0018), T(0x0008, 0x0056), T(0x0008, 0x0201), T(0x0008, 0x1190),
                T(0x0020, 0x0013), T(0x0028, 0x0008), T(0x0028, 0x0010), T(0x0028, 0x0011), T(0x0028, 0x0100)],
            instancesOfASeries.ReturnAttributes);
        Assert.Throws<ArgumentOutOfRangeException>(() => Parse("", QidoLevel.Series, QidoLevel.Series));
    }

    [Fact]
    public void Limit_and_offset_page_the_results()
    {
        Assert.Equal((null, 0), (Parse("").Limit, Parse("").Offset));
        Assert.Equal((10, 20), (Parse("limit=10&offset=20").Limit, Parse("limit=10&offset=20").Offset));
        Assert.Equal(0, Parse("limit=0").Limit);
    }

    [Fact]
    public void Fuzzy_matching_is_ignored_with_a_warning_and_content_negotiation_is_left_to_the_endpoint()
    {
        Assert.Equal(["The fuzzymatching parameter is not supported. Only literal matching has been performed."],
            Parse("fuzzymatching=true&PatientName=Doe*").Warnings);
        Assert.Empty(Parse("fuzzymatching=false&accept=application/dicom%2Bjson&charset=utf-8").Warnings);
        Assert.Single(Parse("fuzzymatching=true&PatientName=Doe*").MatchingKeys);
    }

    internal static QidoQuery Parse(string query, QidoLevel level = QidoLevel.Study, QidoLevel? within = null) =>
        QidoQueryParser.Parse(QueryHelpers.ParseQuery("?" + query), level, within);

    private static DicomTag T(ushort group, ushort element) => new(group, element);

    private static string Describe(QidoMatch match) => match switch
    {
        QidoSingleValueMatch m => $"single {m.Tag} {m.VR} {m.Value}",
        QidoWildcardMatch m => $"wildcard {m.Tag} {m.VR} {m.Pattern}",
        QidoRangeMatch m => $"range {m.Tag} {m.VR} {m.Lower ?? "∞"}..{m.UpperInclusive ?? "∞"}",
        QidoUidListMatch m => $"list {m.Tag} {m.VR} {string.Join('|', m.Uids)}",
        _ => match.GetType().Name,
    };
}
