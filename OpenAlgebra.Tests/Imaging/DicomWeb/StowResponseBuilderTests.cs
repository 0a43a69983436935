using System.Text;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.DicomWeb;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

public sealed class StowResponseBuilderTests
{
    private const string CtImage = "1.2.840.10008.5.1.4.1.1.2";

    [Fact]
    public void The_response_lists_stored_instances_with_their_urls_and_failed_ones_with_their_reasons()
    {
        var response = new StowResponseBuilder("https://pacs/dicomweb/studies/1.2.3")
            .Stored(CtImage, "1.2.3.4", "https://pacs/dicomweb/studies/1.2.3/series/1.2.3.9/instances/1.2.3.4")
            .Stored(CtImage, "1.2.3.5", "https://pacs/dicomweb/studies/1.2.3/series/1.2.3.9/instances/1.2.3.5", StowWarningReason.CoercionOfDataElements)
            .Failed(CtImage, "1.2.3.6", StowFailureReason.OutOfResources)
            .Failed(null, null, StowFailureReason.CannotUnderstand);

        var json = Encoding.UTF8.GetString(DicomJson.ToUtf8Bytes(response.Build()));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(
            """
            {"00081190":{"vr":"UR","Value":["https://pacs/dicomweb/studies/1.2.3"]},
            "00081198":{"vr":"SQ","Value":[
            {"00081150":{"vr":"UI","Value":["1.2.840.10008.5.1.4.1.1.2"]},"00081155":{"vr":"UI","Value":["1.2.3.6"]},"00081197":{"vr":"US","Value":[42752]}},
            {"00081150":{"vr":"UI"},"00081155":{"vr":"UI"},"00081197":{"vr":"US","Value":[49152]}}]},
            "00081199":{"vr":"SQ","Value":[
            {"00081150":{"vr":"UI","Value":["1.2.840.10008.5.1.4.1.1.2"]},"00081155":{"vr":"UI","Value":["1.2.3.4"]},"00081190":{"vr":"UR","Value":["https://pacs/dicomweb/studies/1.2.3/series/1.2.3.9/instances/1.2.3.4"]}},
            {"00081150":{"vr":"UI","Value":["1.2.840.10008.5.1.4.1.1.2"]},"00081155":{"vr":"UI","Value":["1.2.3.5"]},"00081190":{"vr":"UR","Value":["https://pacs/dicomweb/studies/1.2.3/series/1.2.3.9/instances/1.2.3.5"]},"00081196":{"vr":"US","Value":[45056]}}]}}
            """.ReplaceLineEndings(""),
            json);
    }

    [Theory]
    [InlineData(StowFailureReason.ProcessingFailure, 0x0110)]
    [InlineData(StowFailureReason.SopClassNotSupported, 0x0122)]
    [InlineData(StowFailureReason.OutOfResources, 0xA700)]
    [InlineData(StowFailureReason.DataSetDoesNotMatchSopClass, 0xA900)]
    [InlineData(StowFailureReason.CannotUnderstand, 0xC000)]
    public void Failure_reasons_are_the_status_codes_of_PS3_4(StowFailureReason reason, int code)
    {
        var response = new StowResponseBuilder().Failed("1.2", "1.2.3", reason).Build();

        var item = JsonDocument.Parse(DicomJson.ToUtf8Bytes(response)).RootElement.GetProperty("00081198").GetProperty("Value")[0];
        Assert.Equal(code, item.GetProperty("00081197").GetProperty("Value")[0].GetInt32());
    }

    /// <summary>Stored as sent, stored with a warning, failed: and the HTTP status of PS3.18 10.5.3.1.</summary>
    [Theory]
    [InlineData(2, 0, 0, 200)]
    [InlineData(2, 1, 0, 202)]
    [InlineData(1, 0, 1, 202)]
    [InlineData(0, 1, 1, 202)]
    [InlineData(0, 0, 2, 409)]
    [InlineData(0, 0, 0, 400)]
    public void The_status_code_says_whether_all_some_or_none_were_stored(int asSent, int withWarning, int failed, int status)
    {
        var response = new StowResponseBuilder();
        for (var i = 0; i < asSent; i++)
        {
            response.Stored("1.2", $"1.2.{i}", $"/instances/1.2.{i}");
        }

        for (var i = 0; i < withWarning; i++)
        {
            response.Stored("1.2", $"1.3.{i}", $"/instances/1.3.{i}", StowWarningReason.ElementsDiscarded);
        }

        for (var i = 0; i < failed; i++)
        {
            response.Failed("1.2", $"1.4.{i}", StowFailureReason.ProcessingFailure);
        }

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public void Empty_sequences_and_an_unknown_study_url_are_left_out()
    {
        Assert.Equal("{}", Encoding.UTF8.GetString(DicomJson.ToUtf8Bytes(new StowResponseBuilder().Build())));
        Assert.Equal("""{"00081199":{"vr":"SQ","Value":[{"00081150":{"vr":"UI","Value":["1.2"]},"00081155":{"vr":"UI","Value":["1.2.3"]},"00081190":{"vr":"UR","Value":["/i"]}}]}}""",
            Encoding.UTF8.GetString(DicomJson.ToUtf8Bytes(new StowResponseBuilder().Stored("1.2", "1.2.3", "/i").Build())));
    }

    [Fact]
    public void Pydicom_reads_the_response_as_we_wrote_it()
    {
        var json = Encoding.UTF8.GetString(DicomJson.ToUtf8Bytes(new StowResponseBuilder("/studies/1")
            .Stored(CtImage, "1.2.3.5", "/studies/1/series/2/instances/1.2.3.5", StowWarningReason.CoercionOfDataElements)
            .Failed(null, null, StowFailureReason.CannotUnderstand)
            .Build()));

        var again = Assert.Single(PydicomJson.RoundTrip([json]));

        var noQuirks = new DicomJsonComparison.Source(Encapsulated: false, BigEndian: false, PixelWordSize: 1);
        Assert.Empty(DicomJsonComparison.Differences("STOW response", again, JsonDocument.Parse(json).RootElement, noQuirks));
    }
}
