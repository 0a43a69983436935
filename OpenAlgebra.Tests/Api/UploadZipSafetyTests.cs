using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Ingest;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

/// <summary>Hostile archives sent through <c>POST /api/studies</c> next to good files: the good files are stored, each bad one named with its reason.</summary>
public sealed class UploadZipSafetyTests : AppTest
{
    [Fact]
    public async Task A_zip_bomb_and_a_climbing_entry_are_named_and_the_good_files_around_them_stored()
    {
        // 64 MiB of zeros deflate about 1000:1, ten times the default ratio limit.
        var bomb = TestZips.Bomb(64L << 20, "bomb.dcm", ("first/rtplan.dcm", Sample("rtplan.dcm")));
        var climbing = TestZips.Create(("../evil.dcm", Sample("CT_small.dcm")), ("series/rtdose.dcm", Sample("rtdose.dcm")));
        var content = new MultipartFormDataContent
        {
            { Dicom("CT_small.dcm"), "file", "CT_small.dcm" },
            { new ByteArrayContent(bomb), "file", "bomb.zip" },
            { Dicom("MR_small.dcm"), "file", "MR_small.dcm" },
            { new ByteArrayContent(climbing), "file", "climbing.zip" },
        };

        var response = await (await App.ClinicianAsync()).PostAsync("/api/studies", content, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var rejected = Rejected(body);
        Assert.Equal(["bomb.zip", "climbing.zip/../evil.dcm"], rejected.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("inflates to more than 100:1 (OpenAlgebra:Upload:Zip:MaxCompressionRatio), as zip bombs do", rejected["bomb.zip"], StringComparison.Ordinal);
        Assert.Contains("(path traversal)", rejected["climbing.zip/../evil.dcm"], StringComparison.Ordinal);
        // CT_small and MR_small, the plan before the bomb in its archive, and the dose beside the climbing entry.
        Assert.Equal(4, body.GetProperty("studies").EnumerateArray().Sum(s => s.GetProperty("series").EnumerateArray().Sum(r => r.GetProperty("instances").GetInt32())));
        Assert.Equal(4, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
        // Nothing of the upload is left: its temp files wait emptied, as spares for the next uploads.
        var spares = Path.Combine(Database.DataDirectory, "tmp", "uploads", "spare");
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(Database.DataDirectory, "tmp"), "*", SearchOption.AllDirectories),
            f => Path.GetDirectoryName(f) != spares || new FileInfo(f).Length > 0);
    }

    [Fact]
    public async Task Archives_past_the_uncompressed_size_limit_are_named_with_the_setting_and_the_good_files_stored()
    {
        await using var app = new AppFactory(Database, new() { ["OpenAlgebra:Upload:Zip:MaxUncompressedBytes"] = "1048576" });
        var noise = new byte[768 << 10];
        new Random(11).NextBytes(noise);
        var big = TestZips.Create(CompressionLevel.NoCompression, ("noise-1.dcm", noise), ("noise-2.dcm", noise));
        var content = new MultipartFormDataContent
        {
            { Dicom("CT_small.dcm"), "file", "CT_small.dcm" },
            { new ByteArrayContent(big), "file", "big.zip" },
        };

        var response = await (await app.ClinicianAsync()).PostAsync("/api/studies", content, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rejected = Rejected(await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
        // The first entry fits the limit and is refused for what it is; the second would pass it.
        Assert.Equal("not a DICOM or NIfTI file", rejected["big.zip/noise-1.dcm"]);
        Assert.Contains("stopped at 'big.zip/noise-2.dcm': the upload's archives inflate to more than 1 MiB (OpenAlgebra:Upload:Zip:MaxUncompressedBytes)",
            rejected["big.zip"], StringComparison.Ordinal);
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
    }

    private static Dictionary<string, string> Rejected(JsonElement body) =>
        body.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("file").GetString()!, r => r.GetProperty("reason").GetString()!);

    private static byte[] Sample(string name) => File.ReadAllBytes(DicomSamples.File(name));

    private static ByteArrayContent Dicom(string name)
    {
        var content = new ByteArrayContent(Sample(name));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        return content;
    }
}
