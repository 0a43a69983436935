using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class UploadApiTests : AppTest
{
    [Fact]
    public async Task A_mixed_upload_keeps_the_good_files_names_each_bad_one_and_a_re_upload_adds_nothing()
    {
        var clinician = await App.ClinicianAsync();

        var response = await clinician.PostAsync("/api/studies", MixedUpload(), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var studies = body.GetProperty("studies").EnumerateArray().ToList();
        Assert.Equal(3, studies.Count); // CT_small, MR_small, and rtplan from inside the zip
        var rejected = body.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("file").GetString()!, r => r.GetProperty("reason").GetString()!);
        Assert.Equal("not a DICOM or NIfTI file", rejected["notes.dcm"]);
        Assert.Contains(rejected, r => r.Key.Contains("evil", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Key == "MR_truncated.dcm" && r.Value.StartsWith("not a readable DICOM file", StringComparison.Ordinal));

        var again = await (await clinician.PostAsync("/api/studies", MixedUpload(), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(studies.Select(s => s.GetProperty("id").GetString()).Order(), again.GetProperty("studies").EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order());
        Assert.Equal(3, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
        var study = await clinician.GetFromJsonAsync<JsonElement>($"/api/studies/{studies[0].GetProperty("id").GetString()}", Ct);
        Assert.Equal(studies[0].GetProperty("studyInstanceUid").GetString(), study.GetProperty("studyInstanceUid").GetString());
    }

    [Fact]
    public async Task Nothing_storable_is_422_with_the_reasons()
    {
        var content = new MultipartFormDataContent { { new StringContent("hello"), "file", "hello.txt" } };

        var response = await (await App.ClinicianAsync()).PostAsync("/api/studies", content, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not a DICOM or NIfTI file", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_size_limit_is_413_naming_the_setting()
    {
        await using var small = new AppFactory(Database, new() { ["OpenAlgebra:Upload:MaxRequestBytes"] = "20000" });
        var clinician = await small.ClinicianAsync();

        var response = await clinician.PostAsync("/api/studies", MixedUpload(), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("OpenAlgebra:Upload:MaxRequestBytes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_clinicians_upload()
    {
        var admin = await App.AdminAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/studies", MixedUpload(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.NewClient().PostAsync("/api/studies", MixedUpload(), Ct)).StatusCode);
    }

    private static MultipartFormDataContent MixedUpload()
    {
        var content = new MultipartFormDataContent
        {
            { File("CT_small.dcm"), "file", "CT_small.dcm" },
            { File("MR_small.dcm"), "file", "MR_small.dcm" },
            { File("MR_truncated.dcm"), "file", "MR_truncated.dcm" },
            { new StringContent("just some notes"), "file", "notes.dcm" },
            { Zip(), "file", "series.zip" },
        };
        return content;
    }

    private static ByteArrayContent File(string name)
    {
        var content = new ByteArrayContent(System.IO.File.ReadAllBytes(DicomSamples.File(name)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        return content;
    }

    private static ByteArrayContent Zip()
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry("plans/rt/rtplan.dcm").Open())
            {
                entry.Write(System.IO.File.ReadAllBytes(DicomSamples.File("rtplan.dcm")));
            }

            using (var evil = zip.CreateEntry("../evil.dcm").Open())
            {
                evil.Write([1, 2, 3]);
            }
        }

        return new ByteArrayContent(buffer.ToArray());
    }
}
