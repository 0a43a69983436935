using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

/// <summary>STOW-RS to one study (PS3.18 10.5.1, /studies/{study}): every instance stored must belong to it.</summary>
public sealed class StowStudyTargetTests : AppTest
{
    private const int StudyInstanceUidDoesNotMatch = 0xA901;

    [Fact]
    public async Task Instances_of_another_study_are_refused_with_their_reason_and_the_rest_stored()
    {
        var clinician = await App.ClinicianAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await StowAsync(clinician, "/dicomweb/studies", "CT_small.dcm")).StatusCode);
        var study = await DeidentifiedStudyAsync(clinician);

        var mixed = await StowAsync(clinician, $"/dicomweb/studies/{study}", "CT_small.dcm", "MR_small.dcm");
        var refused = await StowAsync(clinician, $"/dicomweb/studies/{study}", "MR_small.dcm");

        Assert.Equal(HttpStatusCode.Accepted, mixed.StatusCode);
        var body = await mixed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"http://localhost/dicomweb/studies/{study}", body.GetProperty("00081190").GetProperty("Value")[0].GetString());
        var stored = Assert.Single(body.GetProperty("00081199").GetProperty("Value").EnumerateArray());
        Assert.StartsWith($"http://localhost/dicomweb/studies/{study}/series/", stored.GetProperty("00081190").GetProperty("Value")[0].GetString(),
            StringComparison.Ordinal);
        var failed = Assert.Single(body.GetProperty("00081198").GetProperty("Value").EnumerateArray());
        Assert.Equal(StudyInstanceUidDoesNotMatch, failed.GetProperty("00081197").GetProperty("Value")[0].GetInt32());
        // Named by its de-identified UIDs, the only ones this server keeps.
        Assert.StartsWith("2.25.", failed.GetProperty("00081155").GetProperty("Value")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.4", failed.GetProperty("00081150").GetProperty("Value")[0].GetString());

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var nothing = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(nothing.TryGetProperty("00081199", out _));
        Assert.Equal(StudyInstanceUidDoesNotMatch, nothing.GetProperty("00081198").GetProperty("Value")[0].GetProperty("00081197").GetProperty("Value")[0].GetInt32());
        Assert.Single((await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/studies", Ct)).EnumerateArray());
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
    }

    [Fact]
    public async Task A_study_named_by_its_original_UID_is_the_same_study()
    {
        var clinician = await App.ClinicianAsync();
        var original = new DicomCodec().Read(File.OpenRead(DicomSamples.File("CT_small.dcm"))).Dataset.GetString(DicomTags.StudyInstanceUid)!;

        var response = await StowAsync(clinician, $"/dicomweb/studies/{original}", "CT_small.dcm");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(body.TryGetProperty("00081198", out _));
        var study = await DeidentifiedStudyAsync(clinician);
        Assert.NotEqual(original, study);
        Assert.Equal($"http://localhost/dicomweb/studies/{study}", body.GetProperty("00081190").GetProperty("Value")[0].GetString());
    }

    private static async Task<string> DeidentifiedStudyAsync(HttpClient clinician) =>
        Assert.Single((await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/studies", Ct)).EnumerateArray())
            .GetProperty("0020000D").GetProperty("Value")[0].GetString()!;

    private static Task<HttpResponseMessage> StowAsync(HttpClient clinician, string path, params string[] samples)
    {
        var content = new MultipartContent("related", "stow-boundary");
        content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var sample in samples)
        {
            var part = new ByteArrayContent(File.ReadAllBytes(DicomSamples.File(sample)));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            content.Add(part);
        }

        return clinician.PostAsync(path, content, Ct);
    }
}
