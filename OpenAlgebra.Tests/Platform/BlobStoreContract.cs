using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Tests.Platform;

/// <summary>What every blob store must do; run against the filesystem and against a real S3-API server.</summary>
public abstract class BlobStoreContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal abstract IBlobStore CreateStore();

    [Fact]
    public async Task Objects_round_trip_list_and_delete()
    {
        var store = CreateStore();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8] + "/";
        await store.PutAsync(prefix + "a/1.bin", new MemoryStream([1, 2, 3]), Ct);
        await store.PutAsync(prefix + "b/2.bin", new MemoryStream([4]), Ct);

        Assert.Equal([1, 2, 3], await ReadAllAsync(store, prefix + "a/1.bin"));
        var keys = new List<string>();
        await foreach (var key in store.ListAsync(prefix + "a/", Ct))
        {
            keys.Add(key);
        }

        Assert.Equal([prefix + "a/1.bin"], keys);
        Assert.True(await store.DeleteAsync(prefix + "a/1.bin", Ct));
        Assert.False(await store.DeleteAsync(prefix + "a/1.bin", Ct));
        Assert.Null(await store.OpenReadAsync(prefix + "a/1.bin", Ct));
    }

    [Fact]
    public async Task A_listing_includes_keys_in_folders_below_its_prefix()
    {
        var store = CreateStore();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8] + "/";
        await store.PutAsync(prefix + "flat.bin", new MemoryStream([1]), Ct);
        await store.PutAsync(prefix + "ab/cd/nested.bin", new MemoryStream([2]), Ct);
        await store.PutAsync(prefix + "ab/ef/other.bin", new MemoryStream([3]), Ct);

        var keys = new List<string>();
        await foreach (var key in store.ListAsync(prefix, Ct))
        {
            keys.Add(key);
        }

        Assert.Equal([prefix + "ab/cd/nested.bin", prefix + "ab/ef/other.bin", prefix + "flat.bin"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_put_replaces_the_object_whole()
    {
        var store = CreateStore();
        var key = "replace/" + Guid.NewGuid().ToString("N");
        await store.PutAsync(key, new MemoryStream(new byte[1000]), Ct);
        await store.PutAsync(key, new MemoryStream([7, 7]), Ct);

        Assert.Equal([7, 7], await ReadAllAsync(store, key));
    }

    [Theory]
    [InlineData(300_000)]
    [InlineData((5 << 20) + 3)]
    public async Task A_stream_of_unknown_length_is_stored(int size)
    {
        var store = CreateStore();
        var key = "stream/" + Guid.NewGuid().ToString("N");
        var payload = new byte[size];
        new Random(1).NextBytes(payload);

        await store.PutAsync(key, new UnseekableStream(payload), Ct);

        Assert.Equal(payload, await ReadAllAsync(store, key));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a//b")]
    [InlineData("Upper/case")]
    [InlineData("/absolute")]
    [InlineData("a/./b")]
    [InlineData("")]
    public async Task Keys_that_could_escape_or_collide_are_refused(string key)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CreateStore().PutAsync(key, new MemoryStream([1]), Ct));

        Assert.Contains("Blob key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_passes()
    {
        await CreateStore().ProbeAsync(Ct);
    }

    protected static async Task<byte[]> ReadAllAsync(IBlobStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, Ct) ?? throw new InvalidOperationException($"{key} is missing");
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
