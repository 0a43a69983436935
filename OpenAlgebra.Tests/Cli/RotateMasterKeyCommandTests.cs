using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Cli;

public sealed class RotateMasterKeyCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotation_keeps_objects_readable_and_is_audited()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var stored = await database.Get<IEncryptedObjectStore>().PutAsync("studies/x/1", new MemoryStream([5, 6, 7]), Ct);
        var oldId = stored.MasterKeyId;

        var result = await CommandRunner.RunAsync(database, "", "rotate-master-key");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("re-wrapped 1 data keys", result.Output, StringComparison.Ordinal);
        await using var fresh = await TestDatabase.ReopenAsync(database);
        var store = fresh.Get<IEncryptedObjectStore>();
        Assert.NotEqual(oldId, store.CurrentMasterKeyId);
        await using var read = await store.OpenReadAsync("studies/x/1", stored.Sha256, Ct);
        var copy = new MemoryStream();
        await read!.CopyToAsync(copy, Ct);
        Assert.Equal([5, 6, 7], copy.ToArray());
        var audit = await fresh.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "cli"), AuditActor.System, Ct);
        Assert.Contains(audit.Items, r => r.ObjectType == "master-key" && r.Detail!.Contains("1 data keys re-wrapped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_object_is_a_security_alert_in_the_audit_trail()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var store = database.Get<IEncryptedObjectStore>();
        await store.PutAsync("studies/y/1", new MemoryStream(new byte[100]), Ct);
        var blobs = database.Get<IBlobStore>();
        var raw = await BlobStoreContractHelpersForCli.ReadAsync(blobs, "studies/y/1");
        raw[10] ^= 0xFF;
        await blobs.PutAsync("studies/y/1", new MemoryStream(raw), Ct);

        // Wherever the flipped byte lands, header or data, the object is refused, at open or at the chunk that holds it.
        await Assert.ThrowsAsync<IntegrityException>(async () =>
        {
            await using var read = await store.OpenReadAsync("studies/y/1", null, Ct);
            await read!.CopyToAsync(Stream.Null, Ct);
        });

        var alerts = await database.Get<IAuditTrail>().QueryAsync(new AuditQuery(EventId: AuditEventIds.SecurityAlert), AuditActor.System, Ct);
        Assert.Contains(alerts.Items, r => r.ObjectId == "studies/y/1" && r.Outcome == AuditOutcomes.MajorFailure);
    }
}

internal static class BlobStoreContractHelpersForCli
{
    public static async Task<byte[]> ReadAsync(IBlobStore store, string key)
    {
        await using var stream = (await store.OpenReadAsync(key, TestContext.Current.CancellationToken))!;
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }
}
