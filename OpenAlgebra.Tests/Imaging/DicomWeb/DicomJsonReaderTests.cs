using System.Text;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.DicomWeb;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

public sealed class DicomJsonReaderTests
{
    /// <summary>Every row of the writer's table reads back to JSON that writes the same again.</summary>
    [Theory]
    [MemberData(nameof(DicomJsonWriterTests.Attributes), MemberType = typeof(DicomJsonWriterTests))]
    public void What_the_writer_writes_reads_back_to_the_same_json(string tag, string vr, byte[] value, string json)
    {
        _ = vr;
        _ = value;
        var dataset = Read($$"""{"{{tag}}":{{json}}}""");

        Assert.Equal(json, DicomJsonWriterTests.AttributeJson(dataset, tag));
    }

    [Fact]
    public void Values_become_the_padded_bytes_of_a_PS3_5_value_field()
    {
        var dataset = Read("""
            {
              "00080008": {"vr": "CS", "Value": ["ORIGINAL", null, "AXIAL"]},
              "00080018": {"vr": "UI", "Value": ["1.2.3"]},
              "00100010": {"vr": "PN", "Value": [{"Phonetic": "P", "Alphabetic": "Doe^J"}, null, {"Ideographic": "I"}]},
              "00200013": {"vr": "IS", "Value": [12, 1e3, 4.0, "0012"]},
              "00280030": {"vr": "DS", "Value": [0.30000000000000004, 1.50, "1A", null]},
              "00280010": {"vr": "US", "Value": [512]},
              "00209165": {"vr": "AT", "Value": ["0010ABCD"]},
              "00189087": {"vr": "FD", "Value": [-2.5, "-Infinity"]},
              "00101022": {"vr": "UV", "Value": ["18446744073709551615"]}
            }
            """);

        Assert.Equal("ORIGINAL\\\\AXIAL ", Latin1(dataset, "00080008"));
        Assert.Equal("1.2.3\0", Latin1(dataset, "00080018"));
        Assert.Equal("Doe^J==P\\\\=I", Latin1(dataset, "00100010"));
        Assert.Equal("12\\1000\\4\\0012", Latin1(dataset, "00200013"));
        Assert.Equal("0.3\\1.50\\1A\\", Latin1(dataset, "00280030"));
        Assert.Equal([512.0], dataset.GetNumbers(DicomTags.Rows));
        Assert.Equal("1000CDAB", Convert.ToHexString(Bytes(dataset, "00209165")));
        Assert.Equal([-2.5, double.NegativeInfinity], dataset.GetNumbers(new DicomTag(0x0018, 0x9087)));
        Assert.Equal([ulong.MaxValue], dataset.GetNumbers(new DicomTag(0x0010, 0x1022)).Select(v => (ulong)v));
        Assert.False(dataset.Contains(DicomTags.SpecificCharacterSet));
    }

    [Fact]
    public void Members_may_come_in_any_order_and_unknown_members_are_ignored()
    {
        var dataset = Read("""{"00100020": {"keyword": "PatientID", "Value": ["ID 7"], "vr": "LO"}, "00081115": {"Value": [{}], "vr": "SQ"}}""");

        Assert.Equal("ID 7", dataset.GetString(DicomTags.PatientId));
        Assert.Single(Assert.IsType<DicomSequence>(dataset[new DicomTag(0x0008, 0x1115)]).Items);
    }

    [Fact]
    public void Attributes_out_of_tag_order_are_put_in_order_and_group_lengths_dropped()
    {
        var dataset = Read("""{"00100020": {"vr": "LO", "Value": ["B"]}, "00100000": {"vr": "UL", "Value": [8]}, "00080060": {"vr": "CS", "Value": ["CT"]}}""");

        Assert.Equal([DicomTags.Modality, DicomTags.PatientId], dataset.Select(e => e.Tag));
    }

    [Fact]
    public void Text_beyond_ascii_is_stored_as_utf8_and_the_data_set_says_so()
    {
        var dataset = Read("""
            {
              "00080005": {"vr": "CS", "Value": ["ISO 2022 IR 87"]},
              "00081115": {"vr": "SQ", "Value": [{"00080005": {"vr": "CS", "Value": ["ISO_IR 100"]}, "00081030": {"vr": "LO", "Value": ["Müller"]}}]},
              "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Yamada^Tarou", "Ideographic": "山田^太郎"}]}
            }
            """);
        var ascii = Read("""{"00100010": {"vr": "PN", "Value": [{"Alphabetic": "Doe"}]}}""");
        var implied = Read("""{"00100010": {"vr": "PN", "Value": ["Żółć"]}}""");

        Assert.Equal(["ISO_IR 192"], dataset.GetStrings(DicomTags.SpecificCharacterSet));
        Assert.Equal("Yamada^Tarou=山田^太郎", dataset.GetString(DicomTags.PatientName));
        var item = Assert.IsType<DicomSequence>(dataset[new DicomTag(0x0008, 0x1115)]).Items[0];
        Assert.Equal("Müller", item.GetString(new DicomTag(0x0008, 0x1030)));
        Assert.Equal(["ISO_IR 192"], item.GetStrings(DicomTags.SpecificCharacterSet));
        Assert.False(ascii.Contains(DicomTags.SpecificCharacterSet));
        Assert.Equal("Żółć", implied.GetString(DicomTags.PatientName));
        Assert.Equal(["ISO_IR 192"], implied.GetStrings(DicomTags.SpecificCharacterSet));
    }

    [Fact]
    public void Inline_binary_is_decoded_and_encapsulated_pixel_data_becomes_fragments()
    {
        var items = Convert.ToBase64String([0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0, 0xFE, 0xFF, 0x00, 0xE0, 2, 0, 0, 0, 0xFF, 0xD8]);
        var encapsulated = Read($$$"""{"7FE00010": {"vr": "OB", "InlineBinary": "{{{items}}}"}}""");
        var native = Read("""{"7FE00010": {"vr": "OB", "InlineBinary": "AQIDBA=="}}""");

        var fragments = Assert.IsType<DicomFragments>(encapsulated[DicomTags.PixelData]);
        Assert.Equal(0, fragments.OffsetTable.Length);
        Assert.Equal([0xFF, 0xD8], Assert.Single(fragments.Fragments).Memory.ToArray());
        Assert.Equal([1, 2, 3, 4], Bytes(native, "7FE00010"));
    }

    [Fact]
    public void A_bulk_data_uri_is_kept_as_a_reference_the_codec_refuses_to_write()
    {
        var dataset = Read("""{"00080018": {"vr": "UI", "Value": ["1.2"]}, "7FE00010": {"vr": "OW", "BulkDataURI": "https://pacs/bulk/1"}}""");

        var reference = Assert.IsType<DicomBulkDataReference>(dataset[DicomTags.PixelData]);
        Assert.Equal(("https://pacs/bulk/1", DicomVR.OW), (reference.Uri, reference.VR));
        var file = new DicomFile(null, new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var error = Assert.Throws<InvalidOperationException>(() => new DicomCodec().Write(file, new MemoryStream()));
        Assert.Contains("(7FE0,0010) PixelData is a DicomBulkDataReference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_array_form_reads_each_object()
    {
        var datasets = DicomJson.ReadArray("""[{"00080018": {"vr": "UI", "Value": ["1.1"]}}, {}, {"00100010": {"vr": "PN", "Value": [{"Alphabetic": "Ö"}]}}]"""u8);

        Assert.Equal(3, datasets.Count);
        Assert.Equal("1.1", datasets[0].GetString(DicomTags.SopInstanceUid));
        Assert.Equal(0, datasets[1].Count);
        Assert.False(datasets[0].Contains(DicomTags.SpecificCharacterSet));
        Assert.Equal("Ö", datasets[2].GetString(DicomTags.PatientName));
    }

    /// <summary>Malformed input, and the message that names where and what.</summary>
    public static TheoryData<string, string> Errors => new()
    {
        { "[]", "A DICOM JSON data set must be an object, found StartArray" },
        { """{"00100020": {"vr": "LO"}""", "Not JSON: " },
        { """{"0010002": {"vr": "LO"}}""", "'0010002' is not an attribute tag of eight hex digits" },
        { """{"00100020": ["LO"]}""", "00100020 PatientID: An attribute must be an object, found StartArray" },
        { """{"00100020": {"Value": ["x"]}}""", "00100020 PatientID: Has no \"vr\"" },
        { """{"00100020": {"vr": "XX"}}""", "00100020 PatientID: \"vr\" is 'XX', which is not a value representation" },
        { """{"00100020": {"vr": "LO", "Value": "x"}}""", "00100020 PatientID: \"Value\" must be an array, found String" },
        { """{"00100020": {"vr": "LO", "Value": ["a"], "BulkDataURI": "b"}}""", "00100020 PatientID: Has both \"Value\" and \"BulkDataURI\"" },
        { """{"00100020": {"vr": "LO", "Value": [7]}}""", "00100020 PatientID: Value 0 (7) is not a LO value" },
        { """{"00080060": {"vr": "CS", "Value": ["山"]}}""", "00080060 Modality: '山' is not in the character repertoire of CS" },
        { """{"00204000": {"vr": "LT", "Value": ["a", "b"]}}""", "00204000 ImageComments: LT holds one value, found 2" },
        { """{"00100010": {"vr": "PN", "Value": [{"Given": "x"}]}}""", "00100010 PatientName: 'Given' is not a person name component group" },
        { """{"00100010": {"vr": "PN", "Value": [{"Alphabetic": 1}]}}""", "00100010 PatientName: The Alphabetic group must be a string, found Number" },
        { """{"00200013": {"vr": "IS", "Value": [1.5]}}""", "00200013 InstanceNumber: Value 0 (1.5) is not an integer, as IS requires" },
        { """{"00280010": {"vr": "US", "Value": [512, 70000]}}""", "00280010 Rows: Value 1 (70000) is not a US number" },
        { """{"00280010": {"vr": "US", "Value": [null]}}""", "00280010 Rows: Value 0 is null, but a US value cannot be empty" },
        { """{"00280010": {"vr": "US", "Value": ["512"]}}""", "00280010 Rows: Value 0 (\"512\") is not a US number" },
        { """{"00209165": {"vr": "AT", "Value": ["0010"]}}""", "00209165 DimensionIndexPointer: Value 0 (\"0010\") is not a tag of eight hex digits" },
        { """{"7FE00010": {"vr": "OW", "Value": [1]}}""", "7FE00010 PixelData: OW bytes go in \"InlineBinary\" or \"BulkDataURI\", not \"Value\"" },
        { """{"7FE00010": {"vr": "OW", "InlineBinary": "@@"}}""", "7FE00010 PixelData: \"InlineBinary\" is not valid base64" },
        { """{"00100020": {"vr": "LO", "InlineBinary": "AA=="}}""", "00100020 PatientID: F.2.7 allows \"InlineBinary\" only for OB, OD, OF, OL, OV, OW and UN, not LO" },
        { """{"00081115": {"vr": "SQ", "BulkDataURI": "x"}}""", "00081115 ReferencedSeriesSequence: F.2.2 allows \"BulkDataURI\" for binary, numeric and long text VRs, not SQ" },
        { """{"00081115": {"vr": "SQ", "Value": [null]}}""", "00081115 ReferencedSeriesSequence: Item 0 of the sequence is a Null" },
        { """{"00081115": {"vr": "SQ", "Value": [{}, {"00081150": {"vr": "UI", "Value": [5]}}]}}""", "00081115/1/00081150 ReferencedSOPClassUID: Value 0 (5) is not a UI value" },
        { """{} []""", "Not JSON: " },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Malformed_json_is_refused_with_a_message_naming_the_attribute(string json, string message)
    {
        var error = Assert.Throws<DicomJsonException>(() => Read(json));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_array_whose_member_is_not_an_object_is_refused()
    {
        var error = Assert.Throws<DicomJsonException>(() => DicomJson.ReadArray("""[{}, 5]"""u8));

        Assert.Equal("Data set 1 of the array is a Number, not an object", error.Message);
    }

    private static DicomDataset Read(string json) => DicomJson.Read(Encoding.UTF8.GetBytes(json));

    private static byte[] Bytes(DicomDataset dataset, string tag) =>
        Assert.IsType<DicomValueElement>(dataset[DicomTag.Parse(tag)]).Value.Memory.ToArray();

    private static string Latin1(DicomDataset dataset, string tag) => Encoding.Latin1.GetString(Bytes(dataset, tag));
}
