using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Tokens;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Web.Hosting;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// Instances per second through our <c>POST /api/studies</c> (de-identification, PHI re-scan, encryption and the
/// index all on, embedded profile) against Debian's Orthanc <c>POST /instances</c> on this machine: the same synthetic
/// CT files, one file per request, the same client concurrency, each server started fresh by the benchmark.
/// </summary>
internal static class IngestBench
{
    private const string OrthancProgram = "/usr/sbin/Orthanc";

    public static async Task<int> RunAsync(TextWriter output, int instances, int concurrency)
    {
        byte[][] files;
        using (var bench = BenchServices.Create())
        {
            var codec = bench.Services.GetRequiredService<IDicomCodec>();
            files = Enumerable.Range(0, instances).Select(i => SyntheticCt.Bytes(codec, i % 300, $"1.2.826.0.1.3680043.10.1.2.{3 + (i / 300)}")).ToArray();
        }

        output.WriteLine($"{instances} synthetic 512×512 CT instances ({files.Sum(f => (long)f.Length) >> 20} MiB), {concurrency} concurrent requests, one file each");

        var ours = await MeasureOursAsync(files, concurrency);
        output.WriteLine(Line("OpenAlgebra POST /api/studies (de-identify + encrypt)", instances, ours));
        if (!File.Exists(OrthancProgram))
        {
            output.WriteLine("Orthanc not installed (apt-get install orthanc): no comparison");
            return 0;
        }

        var orthanc = await MeasureOrthancAsync(files, concurrency);
        output.WriteLine(Line("Orthanc POST /instances (Debian package, SQLite)", instances, orthanc));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio OpenAlgebra / Orthanc: {orthanc.TotalSeconds / ours.TotalSeconds:F2}×"));
        return 0;
    }

    private static string Line(string name, int instances, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-56} {instances / elapsed.TotalSeconds,8:F1} instances/s  ({elapsed.TotalSeconds:F2} s)");

    private static async Task<TimeSpan> MeasureOursAsync(byte[][] files, int concurrency)
    {
        var directory = Directory.CreateTempSubdirectory("openalgebra-bench-ingest-").FullName;
        try
        {
            return await MeasureOursInAsync(directory, files, concurrency);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<TimeSpan> MeasureOursInAsync(string directory, byte[][] files, int concurrency)
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, ApplicationName = typeof(Program).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAlgebra:DataDirectory"] = directory,
            ["OPENALGEBRA_ADMIN_PASSWORD"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
            ["Logging:LogLevel:Default"] = "Error",
            ["urls"] = $"http://127.0.0.1:{port}",
        });
        builder.Services.AddOpenAlgebraWeb(builder.Configuration);
        await using var app = builder.Build();
        await StartupTasks.InitializeAsync(app.Services, app.Configuration);
        app.UseOpenAlgebra();
        await app.StartAsync();
        try
        {
            var user = await app.Services.GetRequiredService<IAccountService>()
                .CreateUserAsync("bench", [Roles.Clinician], Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)), AuditActor.System);
            var token = await app.Services.GetRequiredService<IApiTokenService>().CreateAsync(user.Id, "bench", 1, AuditActor.System);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            return await PostAllAsync(files, concurrency, bytes =>
            {
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
                return client.PostAsync("/api/studies", new MultipartFormDataContent { { file, "file", "instance.dcm" } });
            }, HttpStatusCode.Created);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<TimeSpan> MeasureOrthancAsync(byte[][] files, int concurrency)
    {
        var directory = Directory.CreateTempSubdirectory("openalgebra-bench-orthanc-").FullName;
        var port = FreePort();
        var configuration = Path.Combine(directory, "orthanc.json");
        await File.WriteAllTextAsync(configuration, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Name"] = "bench",
            ["StorageDirectory"] = Path.Combine(directory, "storage"),
            ["IndexDirectory"] = Path.Combine(directory, "index"),
            ["HttpPort"] = port,
            ["DicomServerEnabled"] = false,
            ["RemoteAccessAllowed"] = true,
            ["AuthenticationEnabled"] = false,
            ["Plugins"] = Array.Empty<string>(),
        }));
        using var orthanc = Process.Start(new ProcessStartInfo(OrthancProgram, configuration) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        orthanc.ErrorDataReceived += (_, _) => { };
        orthanc.OutputDataReceived += (_, _) => { };
        orthanc.BeginErrorReadLine();
        orthanc.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForAsync(client, "/system");
            return await PostAllAsync(files, concurrency, bytes =>
            {
                var body = new ByteArrayContent(bytes);
                body.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
                return client.PostAsync("/instances", body);
            }, HttpStatusCode.OK);
        }
        finally
        {
            orthanc.Kill(entireProcessTree: true);
            await orthanc.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A few warm-up requests, then every file, <paramref name="concurrency"/> at a time; any other status is a failure.</summary>
    private static async Task<TimeSpan> PostAllAsync(byte[][] files, int concurrency, Func<byte[], Task<HttpResponseMessage>> post, HttpStatusCode expected)
    {
        foreach (var warm in files.Take(3))
        {
            (await post(warm)).Dispose();
        }

        var next = 2;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < files.Length; i = Interlocked.Increment(ref next))
            {
                using var response = await post(files[i]);
                if (response.StatusCode != expected)
                {
                    throw new InvalidOperationException($"request {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        return watch.Elapsed * files.Length / Math.Max(1, files.Length - 3);
    }

    private static async Task WaitForAsync(HttpClient client, string path)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new IOException($"{client.BaseAddress}{path} did not answer within 10 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
