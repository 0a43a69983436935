using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Tests.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>
/// The spooler behind a real ASP.NET Core request pipeline: a request body that only reads asynchronously, and
/// the multipart content HttpClient writes (quoted boundary, its own header layout).
/// </summary>
public sealed class UploadOverHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HttpClient_multipart_content_is_spooled_through_the_request_pipeline()
    {
        var ct = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        using var harness = new SpoolerHarness();
        await using var app = await StartAsync(harness.Spooler);
        using var content = new MultipartFormDataContent
        {
            { new StringContent("CT"), "modality" },
            { Dicom(ct), "files", "CT_small.dcm" },
            { new ByteArrayContent(TestZips.Create(("s/IM1", ct), ("../evil.dcm", ct))), "files", "study.zip" },
        };

        using var response = await app.GetTestClient().PostAsync(new Uri("/upload", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [
                "CT: CT_small.dcm Dicom 38 KiB",
                "CT: study.zip/s/IM1 Dicom 38 KiB",
                "CT: study.zip/../evil.dcm rejected: has '..' in its path, which would climb out of the folder it is unzipped into (path traversal)",
            ],
            await response.Content.ReadFromJsonAsync<string[]>(Ct) ?? []);
        Assert.Empty(harness.TempFiles);
    }

    [Fact]
    public async Task An_upload_past_its_limit_maps_to_413_with_the_message()
    {
        using var harness = new SpoolerHarness(o => o.MaxFileBytes = 1000);
        await using var app = await StartAsync(harness.Spooler);
        using var content = new MultipartFormDataContent { { Dicom(new byte[5000]), "files", "big.dcm" } };

        using var response = await app.GetTestClient().PostAsync(new Uri("/upload", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The file 'big.dcm' is larger than 1,000 bytes (OpenAlgebra:Upload:MaxFileBytes).", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(harness.TempFiles);
    }

    private static ByteArrayContent Dicom(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        return content;
    }

    /// <summary>A stand-in for the ingest endpoint: lists what the upload yields, each lease disposed once looked at.</summary>
    private static async Task<WebApplication> StartAsync(UploadSpooler spooler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.MapPost("/upload", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            try
            {
                using var upload = await spooler.SpoolAsync(request.Body, request.ContentType, cancellationToken);
                var lines = new List<string>();
                await foreach (var item in upload.ReadFilesAsync(cancellationToken))
                {
                    lines.Add(item switch
                    {
                        UploadedFile file => $"{upload.Modality}: {file.Name} {file.Kind} {file.Length >> 10} KiB",
                        RejectedFile rejected => $"{upload.Modality}: {rejected.Name} rejected: {rejected.Reason}",
                        _ => throw new InvalidOperationException(),
                    });
                    (item as IDisposable)?.Dispose();
                }

                return Results.Ok(lines);
            }
            catch (UploadTooLargeException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status413RequestEntityTooLarge);
            }
        });
        await app.StartAsync(Ct);
        return app;
    }
}
