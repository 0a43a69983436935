using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

public sealed class DicomWebTests : AppTest
{
    [Fact]
    public async Task QIDO_finds_uploaded_studies_by_modality_and_date_and_names_where_to_retrieve_them()
    {
        var clinician = await UploadAsync("CT_small.dcm", "MR_small.dcm");

        var ct = await clinician.GetAsync("/dicomweb/studies?ModalitiesInStudy=CT&includefield=StudyDescription", Ct);
        var all = await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/studies?00080020=19000101-20991231", Ct);
        var bad = await clinician.GetAsync("/dicomweb/studies?StudyDate=yesterday", Ct);

        Assert.Equal("application/dicom+json", ct.Content.Headers.ContentType?.MediaType);
        var matches = await ct.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var study = Assert.Single(matches.EnumerateArray());
        Assert.Equal("CT", study.GetProperty("00080061").GetProperty("Value")[0].GetString());
        Assert.StartsWith("http://localhost/dicomweb/studies/2.25.", study.GetProperty("00081190").GetProperty("Value")[0].GetString(), StringComparison.Ordinal);
        // The Basic Profile empties Study Date (dates are not retained by default), so a date range matches nothing.
        Assert.Equal(0, all.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task WADO_returns_de_identified_instances_that_dcmdump_reads_with_the_original_pixels()
    {
        var dcmdump = Services.Program("/usr/bin/dcmdump", "dcmtk");
        var clinician = await UploadAsync("CT_small.dcm");
        var study = (await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/studies", Ct))[0].GetProperty("0020000D").GetProperty("Value")[0].GetString();

        var response = await clinician.GetAsync($"/dicomweb/studies/{study}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("multipart/related", response.Content.Headers.ContentType?.MediaType);
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync(Ct));
        var section = await reader.ReadNextSectionAsync(Ct);
        Assert.Equal("application/dicom", section!.ContentType);
        var bytes = new MemoryStream();
        await section.Body.CopyToAsync(bytes, Ct);
        Assert.Null(await reader.ReadNextSectionAsync(Ct));

        var returned = new DicomCodec().Read(new MemoryStream(bytes.ToArray()));
        var original = new DicomCodec().Read(File.OpenRead(DicomSamples.File("CT_small.dcm")));
        Assert.Equal("YES", returned.Dataset.GetString(new DicomTag(0x0012, 0x0062)));
        Assert.NotEqual(original.Dataset.GetString(DicomTags.PatientName), returned.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal(
            ((DicomValueElement)original.Dataset[DicomTags.PixelData]!).Value.Memory.ToArray(),
            ((DicomValueElement)returned.Dataset[DicomTags.PixelData]!).Value.Memory.ToArray());

        var path = Path.Combine(Database.DataDirectory, "wado.dcm");
        await File.WriteAllBytesAsync(path, bytes.ToArray(), Ct);
        using var process = Process.Start(new ProcessStartInfo(dcmdump, path) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = await process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0 && !stderr.Contains("E:", StringComparison.Ordinal), stderr);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/dicomweb/studies/2.25.0", Ct)).StatusCode);
    }

    [Fact]
    public async Task STOW_stores_through_the_same_pipeline_and_answers_with_the_standard_response()
    {
        var clinician = await App.ClinicianAsync();
        var content = new MultipartContent("related", "stow-boundary");
        content.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var bytes in new[] { File.ReadAllBytes(DicomSamples.File("CT_small.dcm")), "not a dicom file"u8.ToArray() })
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/dicom");
            content.Add(part);
        }

        var response = await clinician.PostAsync("/dicomweb/studies", content, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var stored = body.GetProperty("00081199").GetProperty("Value");
        Assert.Equal(1, stored.GetArrayLength());
        Assert.StartsWith("2.25.", stored[0].GetProperty("00081155").GetProperty("Value")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, body.GetProperty("00081198").GetProperty("Value").GetArrayLength());
        Assert.Single((await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/studies", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task On_PostgreSQL_and_S3_every_sample_uploads_and_comes_back_through_WADO_identical_in_pixels()
    {
        var s3 = Services.S3("profile-" + Guid.NewGuid().ToString("N")[..12]);
        await using var database = await TestDatabase.CreateAsync(Modules.Platform.DatabaseProviders.Postgres);
        await using var app = new AppFactory(database, new()
        {
            ["OpenAlgebra:Blobs:Provider"] = "s3",
            ["OpenAlgebra:Blobs:S3:ServiceUrl"] = s3.ServiceUrl,
            ["OpenAlgebra:Blobs:S3:Bucket"] = s3.Bucket,
            ["OpenAlgebra:Blobs:S3:AccessKey"] = s3.AccessKey,
            ["OpenAlgebra:Blobs:S3:SecretKey"] = s3.SecretKey,
        });
        var clinician = await app.ClinicianAsync();
        var samples = new[] { "CT_small.dcm", "MR_small_bigendian.dcm", "rtplan.dcm", "image_dfl.dcm", "SC_rgb_rle.dcm", "JPEG2000.dcm" };
        var content = new MultipartFormDataContent();
        foreach (var sample in samples)
        {
            content.Add(new ByteArrayContent(File.ReadAllBytes(DicomSamples.File(sample))), "file", sample);
        }

        var upload = await clinician.PostAsync("/api/studies", content, Ct);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Empty((await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rejected").EnumerateArray());

        var studies = await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/studies", Ct);
        var returned = new List<DicomFile>();
        foreach (var study in studies.EnumerateArray())
        {
            var response = await clinician.GetAsync(study.GetProperty("00081190").GetProperty("Value")[0].GetString(), Ct);
            var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
            var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync(Ct));
            for (var section = await reader.ReadNextSectionAsync(Ct); section is not null; section = await reader.ReadNextSectionAsync(Ct))
            {
                var bytes = new MemoryStream();
                await section.Body.CopyToAsync(bytes, Ct);
                returned.Add(new DicomCodec().Read(new MemoryStream(bytes.ToArray())));
            }
        }

        Assert.Equal(samples.Length, returned.Count);
        foreach (var sample in samples)
        {
            var original = new DicomCodec().Read(File.OpenRead(DicomSamples.File(sample)));
            var pixels = PixelBytes(original);
            Assert.Contains(returned, r => PixelBytes(r).AsSpan().SequenceEqual(pixels) && r.Dataset.GetString(new DicomTag(0x0012, 0x0062)) == "YES");
        }
    }

    private static byte[] PixelBytes(DicomFile file) => file.Dataset[DicomTags.PixelData] switch
    {
        DicomValueElement value => value.Value.Memory.ToArray(),
        DicomFragments fragments => fragments.Fragments.SelectMany(f => f.Memory.ToArray()).ToArray(),
        _ => [],
    };

    [Fact]
    public async Task Metadata_points_large_values_to_bulk_data_and_frames_come_back_decoded()
    {
        var clinician = await UploadAsync("CT_small.dcm");
        var instance = (await clinician.GetFromJsonAsync<JsonElement>("/dicomweb/instances", Ct))[0].GetProperty("00081190").GetProperty("Value")[0].GetString()!;

        var metadata = await clinician.GetFromJsonAsync<JsonElement>(instance + "/metadata", Ct);
        var pixelUri = metadata[0].GetProperty("7FE00010").GetProperty("BulkDataURI").GetString()!;
        var bulk = await clinician.GetByteArrayAsync(pixelUri, Ct);
        var frames = await clinician.GetAsync(instance + "/frames/1", Ct);
        var badFrame = await clinician.GetAsync(instance + "/frames/2", Ct);

        var original = (DicomValueElement)new DicomCodec().Read(File.OpenRead(DicomSamples.File("CT_small.dcm"))).Dataset[DicomTags.PixelData]!;
        Assert.Equal(original.Value.Memory.ToArray(), bulk);
        Assert.Equal("OA-", metadata[0].GetProperty("00100020").GetProperty("Value")[0].GetString()![..3]);
        var boundary = frames.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var section = await new MultipartReader(boundary, await frames.Content.ReadAsStreamAsync(Ct)).ReadNextSectionAsync(Ct);
        var frame = new MemoryStream();
        await section!.Body.CopyToAsync(frame, Ct);
        Assert.Equal(128 * 128 * 2, frame.Length);
        Assert.Equal(HttpStatusCode.BadRequest, badFrame.StatusCode);

        var rendered = await clinician.GetAsync(instance + "/rendered", Ct);
        Assert.Equal("image/png", rendered.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await rendered.Content.ReadAsByteArrayAsync(Ct))[..4]);
    }

    [Fact]
    public async Task DICOMweb_needs_a_clinician()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.NewClient().GetAsync("/dicomweb/studies", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.AdminAsync()).GetAsync("/dicomweb/studies", Ct)).StatusCode);
    }

    private async Task<HttpClient> UploadAsync(params string[] samples)
    {
        var clinician = await App.ClinicianAsync();
        var content = new MultipartFormDataContent();
        foreach (var sample in samples)
        {
            content.Add(new ByteArrayContent(File.ReadAllBytes(DicomSamples.File(sample))), "file", sample);
        }

        Assert.Equal(HttpStatusCode.Created, (await clinician.PostAsync("/api/studies", content, Ct)).StatusCode);
        return clinician;
    }
}
