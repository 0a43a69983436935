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
/// CT files, one file per request, the same client concurrency, each server started fresh by the benchmark and warmed up
/// by the same number of requests (our server compiles its hot paths just in time; Orthanc is native code). Processor
/// time per instance is reported too, since on a shared machine the rate also says how busy the neighbours were. Last,
/// <see cref="IngestFloor"/> shows what rate the mandatory work alone allows on this machine.
/// </summary>
internal static class IngestBench
{
    private const string OrthancProgram = "/usr/sbin/Orthanc";

    public static async Task<int> RunAsync(TextWriter output, int instances, int concurrency, int warmup)
    {
        if (warmup < 0 || warmup >= instances)
        {
            throw new ArgumentException($"--warmup must be 0 or more and below --instances ({instances}), got {warmup}.", nameof(warmup));
        }

        byte[][] files;
        using (var bench = BenchServices.Create())
        {
            var codec = bench.Services.GetRequiredService<IDicomCodec>();
            files = new byte[instances][];
            Parallel.For(0, instances, i => files[i] = SyntheticCt.Bytes(codec, i % 300, $"1.2.826.0.1.3680043.10.1.2.{3 + (i / 300)}"));
        }

        output.WriteLine($"{instances} synthetic 512×512 CT instances ({files.Sum(f => (long)f.Length) >> 20} MiB), {concurrency} concurrent requests, " +
            $"one file each; the first {warmup} warm each server up and are not timed");

        var ours = await MeasureOursAsync(files, concurrency, warmup);
        output.WriteLine(Line("OpenAlgebra POST /api/studies (de-identify + encrypt)", ours));
        if (!File.Exists(OrthancProgram))
        {
            output.WriteLine("Orthanc not installed (apt-get install orthanc): no comparison");
            return 0;
        }

        var orthanc = await MeasureOrthancAsync(files, concurrency, warmup);
        output.WriteLine(Line("Orthanc POST /instances (Debian package, SQLite)", orthanc));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio OpenAlgebra / Orthanc: {ours.Rate / orthanc.Rate:F2}×"));
        var floor = await MeasureFloorAsync(files, concurrency, warmup);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"floor: receive + SHA-256 + AES-GCM + grouped flush only",-56} {floor.Rate,8:F1} instances/s  " +
            $"({floor.Elapsed.TotalSeconds:F2} s; processor {floor.Cpu.TotalMilliseconds / floor.Instances:F2} ms/instance, server and client in one process); " +
            $"{floor.Rate / orthanc.Rate:F2}× Orthanc"));
        return 0;
    }

    private static string Line(string name, Run run) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-56} {run.Rate,8:F1} instances/s  ({run.Elapsed.TotalSeconds:F2} s; processor " +
            $"{run.Cpu.TotalMilliseconds / run.Instances:F2} ms/instance in the server, {run.ClientCpu.TotalMilliseconds / run.Instances:F2} in the client)");

    private static async Task<Run> MeasureOursAsync(byte[][] files, int concurrency, int warmup)
    {
        var directory = Directory.CreateTempSubdirectory("openalgebra-bench-ingest-").FullName;
        try
        {
            var token = await PrepareAsync(directory);
            return await MeasureOursInAsync(directory, token, files, concurrency, warmup);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Migrates a fresh data directory and makes a clinician with an API token there, for the server to start on.</summary>
    private static async Task<string> PrepareAsync(string directory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAlgebra:DataDirectory"] = directory,
            ["OPENALGEBRA_ADMIN_PASSWORD"] = Secret(),
            ["Logging:LogLevel:Default"] = "Error",
        });
        builder.Services.AddOpenAlgebraWeb(builder.Configuration);
        await using var app = builder.Build();
        await StartupTasks.InitializeAsync(app.Services, app.Configuration);
        var user = await app.Services.GetRequiredService<IAccountService>().CreateUserAsync("bench", [Roles.Clinician], Secret(), AuditActor.System);
        var token = await app.Services.GetRequiredService<IApiTokenService>().CreateAsync(user.Id, "bench", 1, AuditActor.System);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return token.Token;
    }

    /// <summary>
    /// Our server in a process of its own, as deployed and as Orthanc runs: the client's threads and garbage collections
    /// stay out of it, and its processor time is its own. The data directory is not its content root (as in the
    /// container), so the configuration's file watcher stays out of it.
    /// </summary>
    private static async Task<Run> MeasureOursInAsync(string directory, string token, byte[][] files, int concurrency, int warmup)
    {
        var port = FreePort();
        var start = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new ProcessStartInfo(host, [typeof(Program).Assembly.Location])
            : new ProcessStartInfo(Path.ChangeExtension(typeof(Program).Assembly.Location, OperatingSystem.IsWindows() ? ".exe" : null));
        start.WorkingDirectory = AppContext.BaseDirectory;
        start.Environment["OpenAlgebra__DataDirectory"] = directory;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["OPENALGEBRA_ADMIN_PASSWORD"] = Secret();
        start.Environment["Logging__LogLevel__Default"] = "Error";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Error";
        using var server = StartQuietly(start);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForAsync(client, "/health/live");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var self = Process.GetCurrentProcess();
            return await PostAllAsync(files, concurrency, warmup, MultipartPost(client, "/api/studies"), HttpStatusCode.Created, server, self);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>One file per request as a browser's form sends it: multipart/form-data with one application/dicom part.</summary>
    private static Func<byte[], Task<HttpResponseMessage>> MultipartPost(HttpClient client, string path) => bytes =>
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        return client.PostAsync(path, new MultipartFormDataContent { { file, "file", "instance.dcm" } });
    };

    private static string Secret() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private static Process StartQuietly(ProcessStartInfo start)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new IOException($"{start.FileName} did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task<Run> MeasureOrthancAsync(byte[][] files, int concurrency, int warmup)
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
        using var orthanc = StartQuietly(new ProcessStartInfo(OrthancProgram, configuration));
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForAsync(client, "/system");
            using var self = Process.GetCurrentProcess();
            return await PostAllAsync(files, concurrency, warmup, bytes =>
            {
                var body = new ByteArrayContent(bytes);
                body.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
                return client.PostAsync("/instances", body);
            }, HttpStatusCode.OK, orthanc, self);
        }
        finally
        {
            orthanc.Kill(entireProcessTree: true);
            await orthanc.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Run> MeasureFloorAsync(byte[][] files, int concurrency, int warmup)
    {
        var directory = Directory.CreateTempSubdirectory("openalgebra-bench-floor-").FullName;
        try
        {
            var port = FreePort();
            await using var floor = await IngestFloor.StartAsync(directory, port);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var self = Process.GetCurrentProcess();
            return await PostAllAsync(files, concurrency, warmup, MultipartPost(client, "/floor"), HttpStatusCode.Created, self, self);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The first <paramref name="warmup"/> files, then the rest timed, <paramref name="concurrency"/> at a time; any other
    /// status is a failure. Processor time is read from the server's process and the client's.
    /// </summary>
    private static async Task<Run> PostAllAsync(byte[][] files, int concurrency, int warmup, Func<byte[], Task<HttpResponseMessage>> post,
        HttpStatusCode expected, Process server, Process client)
    {
        await PostAsync(files[..warmup], concurrency, post, expected);
        server.Refresh();
        client.Refresh();
        var (serverCpu, clientCpu) = (server.TotalProcessorTime, client.TotalProcessorTime);
        var watch = Stopwatch.StartNew();
        await PostAsync(files[warmup..], concurrency, post, expected);
        var elapsed = watch.Elapsed;
        server.Refresh();
        client.Refresh();
        return new Run(files.Length - warmup, elapsed, server.TotalProcessorTime - serverCpu, client.TotalProcessorTime - clientCpu);
    }

    private static Task PostAsync(byte[][] files, int concurrency, Func<byte[], Task<HttpResponseMessage>> post, HttpStatusCode expected)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
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
    }

    /// <summary>Waits for a server to answer, up to a minute (a busy machine starts a .NET server slowly).</summary>
    private static async Task WaitForAsync(HttpClient client, string path)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(1))
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

        throw new IOException($"{client.BaseAddress}{path} did not answer within a minute.");
    }

    /// <param name="Cpu">Processor time of the server's process over the timed requests.</param>
    /// <param name="ClientCpu">Processor time of the benchmark's own process (the client) over them.</param>
    private sealed record Run(int Instances, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan ClientCpu)
    {
        public double Rate => Instances / Elapsed.TotalSeconds;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
