using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

/// <summary>
/// What QIDO-RS results carry (PS3.18 10.6.3.3): each level's default attributes, the required ones even when
/// empty, plus what includefield asks for by keyword or tag, or with includefield=all everything the index holds.
/// </summary>
public sealed class QidoIncludeFieldTests : AppTest
{
    private const string PatientName = "00100010";
    private const string PatientId = "00100020";
    private const string BodyPartExamined = "00180015";

    [Fact]
    public async Task A_study_carries_the_default_attributes_with_the_required_ones_empty_where_nothing_is_known()
    {
        var clinician = await UploadAsync("JPEG2000.dcm");

        var study = Assert.Single((await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/studies", Ct)).EnumerateArray());

        // Study Date, Time, Accession Number, Modalities, Referring Physician, Patient Name, ID, Birth Date, Sex,
        // Study Instance UID, Study ID, related series and instances: type R or U in Table 10.6.3-3.
        foreach (var required in new[] { "00080020", "00080030", "00080050", "00080061", "00080090", PatientName, PatientId, "00100030", "00100040",
            "0020000D", "00200010", "00201206", "00201208" })
        {
            Assert.True(study.TryGetProperty(required, out _), $"{required} is missing from {study}");
        }

        Assert.Equal("SH", study.GetProperty("00080050").GetProperty("vr").GetString());
        Assert.False(study.GetProperty("00080050").TryGetProperty("Value", out _));
        Assert.Equal("ONLINE", study.GetProperty("00080056").GetProperty("Value")[0].GetString());
        Assert.Equal("NM", study.GetProperty("00080061").GetProperty("Value")[0].GetString());
        Assert.Equal(1, study.GetProperty("00201208").GetProperty("Value")[0].GetInt32());
        // The index holds the body part, but a study's defaults do not include it.
        Assert.False(study.TryGetProperty(BodyPartExamined, out _));
    }

    [Fact]
    public async Task Includefield_adds_attributes_by_keyword_or_tag_to_the_defaults_of_the_level()
    {
        var clinician = await UploadAsync("JPEG2000.dcm");
        var study = await StudyUidAsync(clinician);

        var plain = Assert.Single((await clinician.GetFromJsonAsync<JsonElement>($"/dicomweb/studies/{study}/series", Ct)).EnumerateArray());
        var asked = Assert.Single((await clinician.GetFromJsonAsync<JsonElement>(
            $"/dicomweb/studies/{study}/series?includefield=BodyPartExamined&includefield={PatientId}", Ct)).EnumerateArray());

        // A study's series are listed with series attributes only (10.6.3.3.2), and the required ones of those.
        Assert.False(plain.TryGetProperty(PatientName, out _));
        Assert.False(plain.TryGetProperty(BodyPartExamined, out _));
        foreach (var required in new[] { "00080060", "0020000E", "00200011", "00201209", "00081190" })
        {
            Assert.True(plain.TryGetProperty(required, out _), $"{required} is missing from {plain}");
        }

        Assert.Equal("WHOLE BODY", asked.GetProperty(BodyPartExamined).GetProperty("Value")[0].GetString());
        Assert.StartsWith("OA-", asked.GetProperty(PatientId).GetProperty("Value")[0].GetString(), StringComparison.Ordinal);
        Assert.False(asked.TryGetProperty(PatientName, out _));
        Assert.Equal(plain.EnumerateObject().Count() + 2, asked.EnumerateObject().Count());
    }

    [Fact]
    public async Task Includefield_all_returns_everything_the_index_holds()
    {
        var clinician = await UploadAsync("JPEG2000.dcm");
        var study = await StudyUidAsync(clinician);

        var series = Assert.Single((await clinician.GetFromJsonAsync<JsonElement>($"/dicomweb/studies/{study}/series?includefield=all", Ct)).EnumerateArray());
        var instance = Assert.Single((await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/instances?includefield=all", Ct)).EnumerateArray());

        Assert.Equal("WHOLE BODY", series.GetProperty(BodyPartExamined).GetProperty("Value")[0].GetString());
        Assert.StartsWith("OA-", series.GetProperty(PatientName).GetProperty("Value")[0].GetProperty("Alphabetic").GetString(), StringComparison.Ordinal);
        Assert.Equal(study, series.GetProperty("0020000D").GetProperty("Value")[0].GetString());
        Assert.Equal("WHOLE BODY", instance.GetProperty(BodyPartExamined).GetProperty("Value")[0].GetString());
        Assert.Equal(1024, instance.GetProperty("00280010").GetProperty("Value")[0].GetInt32());
    }

    [Fact]
    public async Task An_includefield_that_names_no_attribute_is_a_400_naming_it()
    {
        var clinician = await App.ClinicianAsync();

        var keyword = await clinician.GetAsync("/dicomweb/studies?includefield=StudyDescription,PatientsFavouriteColour", Ct);
        var tag = await clinician.GetAsync("/dicomweb/studies?includefield=0011ABCD", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, keyword.StatusCode);
        var problem = await keyword.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Invalid QIDO-RS parameter 'includefield'", problem.GetProperty("title").GetString());
        Assert.Contains("'PatientsFavouriteColour'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tag.StatusCode);
        Assert.Contains("(0011,ABCD)", await tag.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<string> StudyUidAsync(HttpClient clinician) =>
        Assert.Single((await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/studies", Ct)).EnumerateArray())
            .GetProperty("0020000D").GetProperty("Value")[0].GetString()!;

    private async Task<HttpClient> UploadAsync(string sample)
    {
        var clinician = await App.ClinicianAsync();
        var content = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(DicomSamples.File(sample))), "file", sample } };
        Assert.Equal(HttpStatusCode.Created, (await clinician.PostAsync("/api/studies", content, Ct)).StatusCode);
        return clinician;
    }
}
