using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Dicom;
using Microsoft.Data.Sqlite;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Blobs.Packs;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Modules.Platform.Sql;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>
/// A server process killed (SIGKILL, nothing runs on the way out) while an upload's objects are being written, then
/// started again on the same data directory: the store it comes up on is consistent, and the same upload again
/// stores exactly what is missing. An upload's rows commit together once all its objects are written, so what
/// survives the kill is an earlier upload's, and of the killed one nothing.
/// </summary>
public sealed class KilledIngestTests
{
    // Twenty times the objects the kill waits for, so that the upload is still being ingested then, however fast.
    private const int Files = 400;
    private const int StoredBeforehand = 100;
    private const int CompleteBeforeKill = StoredBeforehand + 20;
    private const string User = "crash-test";
    private const string Password = "a-kill-nine-secret-of-length";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_killed_mid_ingest_restarts_on_a_consistent_store_and_the_upload_again_stores_exactly_what_is_missing()
    {
        var files = Instances(Files);
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        // Resolved first so that the master key the servers load is the one this test decrypts with.
        var objects = database.Get<IEncryptedObjectStore>();
        await database.Get<IAccountService>().CreateUserAsync(User, [Roles.Clinician], Password, AuditActor.System, Ct);
        var blobs = database.Get<IBlobStore>();
        var catalog = Path.Combine(database.DataDirectory, "blobs", PackFolder.Name, PackFolder.CatalogFile);
        var uploads = Path.Combine(database.DataDirectory, "tmp", "uploads");

        using (var server = await ServerProcess.StartAsync(database.DataDirectory, Ct))
        {
            using var client = await SignInAsync(server);
            var earlier = await client.PostAsync(new Uri("/api/studies", UriKind.Relative), Content(files[..StoredBeforehand]), Ct);
            Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);
            var upload = client.PostAsync(new Uri("/api/studies", UriKind.Relative), Content(files), Ct);
            await KillMidWriteAsync(server, catalog, upload);
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => upload);
        }

        var survived = await RowsAsync(database);
        Assert.Equal(StoredBeforehand, survived.Count);
        Assert.True((await KeysAsync(blobs)).Count > StoredBeforehand, "The killed upload had written objects.");
        Assert.NotEmpty(Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories));

        using (var server = await ServerProcess.StartAsync(database.DataDirectory, Ct))
        {
            // Live means its start-up tasks, the sweeps among them, are done.
            Assert.Empty(Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories));
            Assert.Equal(survived.OrderBy(r => r.Key, StringComparer.Ordinal), (await RowsAsync(database)).OrderBy(r => r.Key, StringComparer.Ordinal));
            await AssertRowsAndObjectsMatchAsync(objects, blobs, survived);
            await AssertNoUnclaimedTailsAsync(catalog);
            var sealedObjects = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var key in survived.Keys)
            {
                sealedObjects[key] = await RawAsync(blobs, key);
            }


            using var client = await SignInAsync(server);
            var again = await client.PostAsync(new Uri("/api/studies", UriKind.Relative), Content(files), Ct);

            Assert.True(again.StatusCode == HttpStatusCode.Created, $"{again.StatusCode}: {await again.Content.ReadAsStringAsync(Ct)}\n{server.Output}");
            Assert.Empty((await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rejected").EnumerateArray());
            var all = await RowsAsync(database);
            Assert.Equal(Files, all.Count);
            await AssertRowsAndObjectsMatchAsync(objects, blobs, all);
            // What survived was matched, not written again: a new write would have sealed it under a new data key.
            foreach (var (key, sha256) in survived)
            {
                Assert.Equal(sha256, all[key]);
                Assert.Equal(sealedObjects[key], await RawAsync(blobs, key));
            }

            Assert.Equal(0, await database.ScalarAsync<long>("SELECT COUNT(*) FROM pending_objects"));
        }
    }

    /// <summary>
    /// Kills the server once some objects are committed to the pack catalog: with ten times as many files in the upload,
    /// it is writing the next ones then.
    /// </summary>
    private static async Task KillMidWriteAsync(ServerProcess server, string catalog, Task<HttpResponseMessage> upload)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(upload.IsCompleted, $"The upload ended before the kill; {Files} files are too few here.\n{server.Output}");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), $"No {CompleteBeforeKill} objects after three minutes.\n{server.Output}");
            if (File.Exists(catalog) && await CatalogAsync<long>(catalog, "SELECT COUNT(*) FROM objects WHERE key LIKE 'instances/%'") >= CompleteBeforeKill)
            {
                server.Kill();
                return;
            }

            await Task.Delay(1, Ct);
        }
    }

    /// <summary>No pack holds bytes past the last range the catalog knows of: what a killed put had written was cut off.</summary>
    private static async Task AssertNoUnclaimedTailsAsync(string catalog)
    {
        foreach (var pack in Directory.GetFiles(Path.GetDirectoryName(catalog)!, "*" + PackFolder.Extension))
        {
            var name = Path.GetFileName(pack);
            var claimed = await CatalogAsync<long>(catalog, "SELECT COALESCE(MAX(at + length), 0) FROM " +
                "(SELECT at, length FROM objects WHERE pack = @name UNION ALL SELECT at, length FROM freed WHERE pack = @name)", new { name });
            Assert.True(new FileInfo(pack).Length <= PackFile.Extent(claimed), $"{name} holds {new FileInfo(pack).Length} bytes; the catalog claims {claimed}.");
        }
    }

    private static async Task<T> CatalogAsync<T>(string catalog, string sql, object? parameters = null)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = catalog, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(Ct);
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }

    private static async Task<List<string>> KeysAsync(IBlobStore blobs) => await blobs.ListAsync("instances/", Ct).ToListAsync(Ct);

    /// <summary>An object's stored bytes, still encrypted.</summary>
    private static async Task<byte[]> RawAsync(IBlobStore blobs, string key)
    {
        await using var stream = (await blobs.OpenReadAsync(key, Ct))!;
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    /// <summary>Every row's object is there and decrypts to bytes of the recorded SHA-256, and every object in the store has its row.</summary>
    private static async Task AssertRowsAndObjectsMatchAsync(IEncryptedObjectStore objects, IBlobStore blobs, IReadOnlyDictionary<string, string> rows)
    {
        foreach (var (key, sha256) in rows)
        {
            await using var stream = await objects.OpenReadAsync(key, sha256, Ct);
            Assert.NotNull(stream);
            Assert.Equal(sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, Ct)));
        }

        var stored = await KeysAsync(blobs);
        Assert.Equal(rows.Keys.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<string, string>> RowsAsync(TestDatabase database)
    {
        await using var connection = await database.Get<ISqlDatabase>().OpenAsync(Ct);
        var rows = await connection.QueryAsync<(string ObjectKey, string Sha256)>("SELECT object_key, sha256 FROM instances");
        return rows.ToDictionary(r => r.ObjectKey, r => r.Sha256, StringComparer.Ordinal);
    }

    private static async Task<HttpClient> SignInAsync(ServerProcess server)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        var response = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { username = User, password = Password }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"sign-in: {response.StatusCode}\n{server.Output}");
        return client;
    }

    private static MultipartFormDataContent Content(List<byte[]> files)
    {
        var content = new MultipartFormDataContent();
        for (var n = 0; n < files.Count; n++)
        {
            var file = new ByteArrayContent(files[n]);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            content.Add(file, "file", $"slice-{n:D4}.dcm");
        }

        return content;
    }

    /// <summary>CT_small as <paramref name="count"/> instances of one series, each with its own SOP Instance UID.</summary>
    private static List<byte[]> Instances(int count)
    {
        var codec = new DicomCodec();
        var instances = new List<byte[]>(count);
        for (var n = 0; n < count; n++)
        {
            using var source = File.OpenRead(DicomSamples.File("CT_small.dcm"));
            var file = codec.Read(source);
            var uid = $"1.2.826.0.1.3680043.10.1138.{n + 1}";
            file.Dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, uid);
            file.FileMetaInformation.SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, uid);
            var bytes = new MemoryStream();
            codec.Write(file, bytes);
            instances.Add(bytes.ToArray());
        }

        return instances;
    }
}
