using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Blobs.Packs;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>
/// What a process killed mid-ingest leaves, swept by the next server at start: at once when its lease says nothing
/// else can be writing, else only once old enough that it cannot belong to an upload still running elsewhere.
/// </summary>
public sealed class StartupSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_server_alone_on_its_data_directory_sweeps_what_a_dead_process_was_writing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var stored = await database.Get<IStudyIngest>().IngestAsync([new IngestSource("CT_small.dcm", DicomSamples.File("CT_small.dcm"))],
            new IngestRequest(new AuditActor("dr.grey", ["Clinician"], null)), Ct);
        var objects = database.Get<IEncryptedObjectStore>();
        // A dead process marked and wrote this object but never indexed it, and was cut off writing another.
        await database.Get<IStudyIndex>().MarkPendingAsync("instances/2.25.2", Ct);
        await objects.PutAsync("instances/2.25.2", new MemoryStream([2]), Ct);
        var (partial, deadPack) = await LeftoversAsync(database);
        var lease = database.Get<ServerLease>();
        lease.Acquire();

        var swept = await database.Get<IOrphanSweeper>().SweepAsync(Ct);

        Assert.False(File.Exists(partial));
        Assert.False(File.Exists(deadPack));
        var instance = Assert.Single(stored.Instances);
        await using (var kept = await objects.OpenReadAsync("instances/" + instance.SopInstanceUid, null, Ct))
        {
            Assert.NotNull(kept);
        }

        if (provider == DatabaseProviders.Sqlite)
        {
            Assert.Equal(1, swept);
            Assert.Null(await objects.OpenReadAsync("instances/2.25.2", null, Ct));
            Assert.Equal(0, await database.ScalarAsync<long>("SELECT COUNT(*) FROM pending_objects"));
        }
        else
        {
            // Servers with other data directories share PostgreSQL: the mark may be theirs, so the hour's grace holds.
            Assert.Equal(0, swept);
            Assert.NotNull(await objects.OpenReadAsync("instances/2.25.2", null, Ct));
        }
    }

    [Fact]
    public async Task Without_the_lease_recent_work_is_spared()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var objects = database.Get<IEncryptedObjectStore>();
        await database.Get<IStudyIndex>().MarkPendingAsync("instances/2.25.2", Ct);
        await objects.PutAsync("instances/2.25.2", new MemoryStream([2]), Ct);
        var (partial, deadPack) = await LeftoversAsync(database);

        Assert.Equal(0, await database.Get<IOrphanSweeper>().SweepAsync(Ct));

        Assert.True(File.Exists(partial));
        Assert.True(File.Exists(deadPack));
        await using var kept = await objects.OpenReadAsync("instances/2.25.2", null, Ct);
        Assert.NotNull(kept);
        Assert.Equal(["instances/2.25.2"], await database.Get<IBlobStore>().ListAsync("instances/", Ct).ToListAsync(Ct));
    }

    /// <summary>
    /// What a process cut off mid-put leaves: a pack it was appending to that no object claims, and (from before packs,
    /// when each object was a file of its own) a half-written object file.
    /// </summary>
    private static async Task<(string Partial, string DeadPack)> LeftoversAsync(TestDatabase database)
    {
        var partial = Path.Combine(database.DataDirectory, "blobs", "instances", "2.25.3.0123456789abcdef.partial");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllBytesAsync(partial, [3], Ct);
        var deadPack = Path.Combine(database.DataDirectory, "blobs", PackFolder.Name, "20260101000000-dead" + PackFolder.Extension);
        Directory.CreateDirectory(Path.GetDirectoryName(deadPack)!);
        await File.WriteAllBytesAsync(deadPack, new byte[5000], Ct);
        return (partial, deadPack);
    }
}
