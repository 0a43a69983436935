using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.DicomWeb;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

public sealed class DicomJsonWriterTests
{
    /// <summary>One attribute per row: tag, VR, value bytes as the data set holds them, and the JSON of PS3.18 F.2.</summary>
    public static TheoryData<string, string, byte[], string> Attributes => new()
    {
        { "00080008", "CS", Latin1("ORIGINAL\\PRIMARY"), """{"vr":"CS","Value":["ORIGINAL","PRIMARY"]}""" },
        { "00080008", "CS", Latin1("A\\\\B "), """{"vr":"CS","Value":["A",null,"B"]}""" },
        { "00080008", "CS", Latin1("\\"), """{"vr":"CS","Value":[null,null]}""" },
        { "00100020", "LO", [], """{"vr":"LO"}""" },
        { "00100020", "LO", Latin1("  "), """{"vr":"LO"}""" },
        { "00081030", "LO", Latin1(" O'Brien e+1 <b> "), """{"vr":"LO","Value":["O'Brien e+1 <b>"]}""" },
        { "00204000", "LT", Latin1("  C:\\dir\\file "), """{"vr":"LT","Value":["  C:\\dir\\file"]}""" },
        { "00189382", "UC", Latin1(" lead\\x "), """{"vr":"UC","Value":[" lead","x"]}""" },
        { "00100010", "PN", Latin1("Doe^John"), """{"vr":"PN","Value":[{"Alphabetic":"Doe^John"}]}""" },
        { "00100010", "PN", Latin1("=Ideo^Name"), """{"vr":"PN","Value":[{"Ideographic":"Ideo^Name"}]}""" },
        { "00100010", "PN", Latin1("A^B==Pho\\\\C=="), """{"vr":"PN","Value":[{"Alphabetic":"A^B","Phonetic":"Pho"},null,{"Alphabetic":"C"}]}""" },
        { "00280030", "DS", Latin1("1.50\\-.5\\+2E3\\ 007 \\5."), """{"vr":"DS","Value":[1.50,-0.5,2e3,7,5]}""" },
        { "00280030", "DS", Latin1("NaN\\1e\\.\\1"), """{"vr":"DS","Value":["NaN","1e",".",1]}""" },
        { "00200013", "IS", Latin1("-0012\\+3\\1A\\1.0"), """{"vr":"IS","Value":[-12,3,"1A","1.0"]}""" },
        { "00280030", "DS", Latin1(new string('1', 70)), $$"""{"vr":"DS","Value":["{{new string('1', 70)}}"]}""" },
        { "00280010", "US", [1, 0, 0xFF, 0xFF], """{"vr":"US","Value":[1,65535]}""" },
        { "00281041", "SS", [0xFF, 0xFF], """{"vr":"SS","Value":[-1]}""" },
        { "00081160", "UL", [0xFF, 0xFF, 0xFF, 0xFF], """{"vr":"UL","Value":[4294967295]}""" },
        { "00189219", "SL", [0, 0, 0, 0x80], """{"vr":"SL","Value":[-2147483648]}""" },
        { "00101022", "UV", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], """{"vr":"UV","Value":[18446744073709551615]}""" },
        { "00101023", "SV", [0, 0, 0, 0, 0, 0, 0, 0x80], """{"vr":"SV","Value":[-9223372036854775808]}""" },
        { "00189089", "FL", Floats(0.1f, float.NaN, float.NegativeInfinity), """{"vr":"FL","Value":[0.1,"NaN","-Infinity"]}""" },
        { "00189087", "FD", Doubles(1e300, double.PositiveInfinity), """{"vr":"FD","Value":[1E+300,"Infinity"]}""" },
        { "00209165", "AT", [0x10, 0x00, 0x20, 0x00, 0x08, 0x00, 0x18, 0x00], """{"vr":"AT","Value":["00100020","00080018"]}""" },
        { "00091010", "OB", [1, 2, 3], """{"vr":"OB","InlineBinary":"AQID"}""" },
        { "00091010", "OB", [], """{"vr":"OB"}""" },
        { "00091010", "UN", [1, 2], """{"vr":"UN","InlineBinary":"AQI="}""" },
        // A standard attribute that arrived as UN holds implicit-VR bytes: shown with the dictionary's VR.
        { "00100020", "UN", Latin1("ID1 "), """{"vr":"LO","Value":["ID1"]}""" },
        { "00280010", "UN", [0, 2], """{"vr":"US","Value":[512]}""" },
    };

    [Theory]
    [MemberData(nameof(Attributes))]
    public void Each_VR_is_written_as_F_2_says(string tag, string vr, byte[] value, string expected)
    {
        var dataset = new DicomDataset();
        dataset.Set(new DicomValueElement(DicomTag.Parse(tag), Enum.Parse<DicomVR>(vr), DicomBuffer.FromBytes(value)));

        Assert.Equal(expected, AttributeJson(dataset, tag));
    }

    [Fact]
    public void Person_names_in_any_script_are_written_as_utf8_text_split_into_groups()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        dataset.SetString(DicomTags.PatientName, DicomVR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");

        var json = Encoding.UTF8.GetString(DicomJson.ToUtf8Bytes(dataset));

        Assert.Contains("""{"vr":"PN","Value":[{"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"}]}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequences_nest_items_and_an_empty_one_has_no_value()
    {
        var dataset = new DicomDataset();
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0008, 0x1150), DicomVR.UI, "1.2.3");
        dataset.Set(new DicomSequence(new DicomTag(0x0008, 0x1115), DicomVR.SQ, [item, new DicomDataset()], undefinedLength: true));
        dataset.Set(new DicomSequence(new DicomTag(0x0008, 0x1140), DicomVR.SQ, [], undefinedLength: false));
        // A sequence that arrived as UN and was parsed on read is the SQ it is.
        dataset.Set(new DicomSequence(new DicomTag(0x0008, 0x1111), DicomVR.UN, [new DicomDataset()], undefinedLength: true));

        Assert.Equal("""{"vr":"SQ","Value":[{"00081150":{"vr":"UI","Value":["1.2.3"]}},{}]}""", AttributeJson(dataset, "00081115"));
        Assert.Equal("""{"vr":"SQ"}""", AttributeJson(dataset, "00081140"));
        Assert.Equal("""{"vr":"SQ","Value":[{}]}""", AttributeJson(dataset, "00081111"));
    }

    [Fact]
    public void Attributes_come_in_tag_order_without_group_lengths()
    {
        var dataset = new DicomDataset();
        // The reader appends in file order; a file need not be in tag order.
        dataset.Append(new DicomValueElement(DicomTags.PatientId, DicomVR.LO, DicomBuffer.FromBytes(Latin1("B "))));
        dataset.Append(new DicomValueElement(new DicomTag(0x0010, 0x0000), DicomVR.UL, DicomBuffer.FromBytes(new byte[4])));
        dataset.Append(new DicomValueElement(DicomTags.Modality, DicomVR.CS, DicomBuffer.FromBytes(Latin1("CT"))));

        var json = Encoding.UTF8.GetString(DicomJson.ToUtf8Bytes(dataset));

        Assert.Equal("""{"00080060":{"vr":"CS","Value":["CT"]},"00100020":{"vr":"LO","Value":["B"]}}""", json);
    }

    [Fact]
    public void Binary_values_above_the_threshold_become_bulk_data_uris_built_from_their_path()
    {
        var dataset = new DicomDataset();
        var item = new DicomDataset();
        item.Set(new DicomValueElement(new DicomTag(0x0028, 0x3006), DicomVR.OW, DicomBuffer.FromBytes(new byte[8])));
        item.Set(new DicomValueElement(new DicomTag(0x0028, 0x3003), DicomVR.LO, DicomBuffer.FromBytes(Latin1("LUT "))));
        dataset.Set(new DicomSequence(new DicomTag(0x0028, 0x3010), DicomVR.SQ, [new DicomDataset(), item], undefinedLength: false));
        dataset.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(new byte[9])));
        dataset.Set(new DicomValueElement(new DicomTag(0x0009, 0x1010), DicomVR.OB, DicomBuffer.FromBytes(new byte[8])));
        var options = new DicomJsonOptions { BulkDataThreshold = 8, BulkDataUri = path => $"https://pacs/instances/1/bulkdata/{path}" };

        var json = JsonDocument.Parse(DicomJson.ToUtf8Bytes(dataset, options)).RootElement;

        Assert.Equal("""{"vr":"OW","BulkDataURI":"https://pacs/instances/1/bulkdata/7FE00010"}""", json.GetProperty("7FE00010").GetRawText());
        Assert.Equal("""{"vr":"OB","InlineBinary":"AAAAAAAAAAA="}""", json.GetProperty("00091010").GetRawText());
        var lut = json.GetProperty("00283010").GetProperty("Value")[1];
        Assert.Equal("""{"vr":"OW","InlineBinary":"AAAAAAAAAAA="}""", lut.GetProperty("00283006").GetRawText());
        options = options with { BulkDataThreshold = 7 };
        lut = JsonDocument.Parse(DicomJson.ToUtf8Bytes(dataset, options)).RootElement.GetProperty("00283010").GetProperty("Value")[1];
        Assert.Equal("""{"vr":"OW","BulkDataURI":"https://pacs/instances/1/bulkdata/00283010/1/00283006"}""", lut.GetProperty("00283006").GetRawText());
    }

    [Fact]
    public void Encapsulated_pixel_data_is_OB_inline_as_its_items_or_a_bulk_data_uri()
    {
        var dataset = new DicomDataset();
        dataset.Set(new DicomFragments(DicomTags.PixelData, DicomVR.OW, DicomBuffer.Empty, [DicomBuffer.FromBytes(new byte[] { 0xFF, 0xD8 })]));

        var inline = AttributeJson(dataset, "7FE00010");
        var bulk = AttributeJson(dataset, "7FE00010", new DicomJsonOptions { BulkDataThreshold = 0, BulkDataUri = p => p.ToString() });

        var items = Convert.ToBase64String([0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0, 0xFE, 0xFF, 0x00, 0xE0, 2, 0, 0, 0, 0xFF, 0xD8]);
        Assert.Equal($$"""{"vr":"OB","InlineBinary":"{{items}}"}""", inline);
        Assert.Equal("""{"vr":"OB","BulkDataURI":"7FE00010"}""", bulk);
    }

    [Fact]
    public void A_value_held_on_disk_streams_inline_or_is_always_bulk_data_when_a_uri_is_available()
    {
        var bytes = new byte[150_001];
        new Random(7).NextBytes(bytes);
        var dataset = SpooledPixelData(bytes);
        Assert.False(((DicomValueElement)dataset[DicomTags.PixelData]!).Value.IsInMemory);

        var inline = JsonDocument.Parse(DicomJson.ToUtf8Bytes(dataset)).RootElement.GetProperty("7FE00010");
        var bulk = AttributeJson(dataset, "7FE00010", new DicomJsonOptions { BulkDataThreshold = int.MaxValue, BulkDataUri = p => "b/" + p });

        Assert.Equal(bytes, inline.GetProperty("InlineBinary").GetBytesFromBase64());
        Assert.Equal("""{"vr":"OB","BulkDataURI":"b/7FE00010"}""", bulk);
    }

    [Fact]
    public void Long_text_held_on_disk_needs_a_bulk_data_uri()
    {
        var dataset = new DicomDataset();
        var file = File.Open(Path.GetTempFileName(), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose });
        file.Write(Latin1("text"));
        dataset.Set(new DicomValueElement(new DicomTag(0x0040, 0xA160), DicomVR.UT, new FileBuffer(file.SafeFileHandle, 4)));

        var error = Assert.Throws<InvalidOperationException>(() => DicomJson.ToUtf8Bytes(dataset));

        Assert.Contains("(0040,A160) TextValue holds 4 bytes of UT on disk", error.Message, StringComparison.Ordinal);
        Assert.Equal("""{"vr":"UT","BulkDataURI":"0040A160"}""", AttributeJson(dataset, "0040A160", new DicomJsonOptions { BulkDataUri = p => p.ToString() }));
        file.Dispose();
    }

    [Fact]
    public void The_array_form_holds_one_object_per_data_set_each_with_its_own_bulk_data_uris()
    {
        var first = new DicomDataset();
        first.SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.1");
        first.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OB, DicomBuffer.FromBytes(new byte[2])));
        var second = new DicomDataset();
        second.SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.2");
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, DicomJson.WriterOptions))
        {
            DicomJson.WriteArray(writer, [first, second], d => new DicomJsonOptions
            {
                BulkDataThreshold = 0,
                BulkDataUri = p => $"/instances/{d.GetString(DicomTags.SopInstanceUid)}/bulkdata/{p}",
            });
        }

        Assert.Equal(
            """[{"00080018":{"vr":"UI","Value":["1.1"]},"7FE00010":{"vr":"OB","BulkDataURI":"/instances/1.1/bulkdata/7FE00010"}},{"00080018":{"vr":"UI","Value":["1.2"]}}]""",
            Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void A_bulk_data_reference_is_written_back_as_its_uri()
    {
        var dataset = new DicomDataset();
        dataset.Set(new DicomBulkDataReference(DicomTags.PixelData, DicomVR.OW, "cid:part2"));

        Assert.Equal("""{"vr":"OW","BulkDataURI":"cid:part2"}""", AttributeJson(dataset, "7FE00010"));
    }

    internal static string AttributeJson(DicomDataset dataset, string tag, DicomJsonOptions? options = null) =>
        JsonDocument.Parse(DicomJson.ToUtf8Bytes(dataset, options)).RootElement.GetProperty(tag).GetRawText();

    internal static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    private static byte[] Doubles(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    /// <summary>A data set whose pixel data the codec spooled to disk, as it does for large values.</summary>
    private static DicomDataset SpooledPixelData(byte[] pixels)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.2.3");
        dataset.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OB, DicomBuffer.FromBytes(pixels)));
        var file = new DicomFile(null, new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var stream = new MemoryStream();
        new DicomCodec().Write(file, stream);
        stream.Position = 0;
        return new DicomReader(new DicomReadLimits(LargeValueThreshold: 1024)).Read(stream).Dataset;
    }
}
