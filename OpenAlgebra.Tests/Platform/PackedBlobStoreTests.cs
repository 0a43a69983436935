using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Blobs.Packs;

namespace OpenAlgebra.Tests.Platform;

public sealed class PackedBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("openalgebra-packs-").FullName;
    // Two hours back, so that what the tests delete was freed before the sweeps' cut-off.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow - TimeSpan.FromHours(2));
    private readonly List<PackedBlobStore> _stores = [];

    private string Packs => Path.Combine(_root, PackFolder.Name);

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        Directory.Delete(_root, recursive: true);
    }

    internal override IBlobStore CreateStore() => Open();

    [Fact]
    public async Task Objects_are_appended_to_one_pack_file_and_outlive_the_store_that_wrote_them()
    {
        var writer = Open();
        var payloads = Enumerable.Range(0, 40).Select(i => Bytes(1000 + (i * 37), i)).ToList();
        await Task.WhenAll(payloads.Select((p, i) => writer.PutAsync($"o/{i}", new MemoryStream(p), Ct)));
        writer.Dispose();

        var reader = Open();
        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.Equal(payloads[i], await ReadAllAsync(reader, $"o/{i}"));
        }

        Assert.Single(Directory.GetFiles(Packs, "*" + PackFolder.Extension));
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.TopDirectoryOnly));
    }

    [Fact]
    public async Task Puts_of_known_and_unknown_length_reads_replacements_and_deletes_at_once_keep_every_object_whole()
    {
        var store = Open();
        const int Count = 300;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct };
        await Parallel.ForAsync(0, Count, options, async (i, ct) =>
        {
            await store.PutAsync($"c/{i}", Content(First(i), unseekable: i % 3 == 1), ct);
            await using var earlier = await store.OpenReadAsync($"c/{i / 2}", ct);
            if (earlier is not null)
            {
                await earlier.CopyToAsync(Stream.Null, ct);
            }
        });
        await Parallel.ForAsync(0, Count, options, async (i, ct) =>
        {
            if (i % 3 == 0)
            {
                Assert.True(await store.DeleteAsync($"c/{i}", ct));
            }
            else if (i % 5 == 0)
            {
                await store.PutAsync($"c/{i}", Content(Second(i), unseekable: i % 2 == 0), ct);
            }
        });

        var keys = new List<string>();
        await foreach (var key in store.ListAsync("c/", Ct))
        {
            keys.Add(key);
        }

        Assert.Equal(Enumerable.Range(0, Count).Where(i => i % 3 != 0).Select(i => $"c/{i}").Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        for (var i = 0; i < Count; i++)
        {
            if (i % 3 == 0)
            {
                Assert.Null(await store.OpenReadAsync($"c/{i}", Ct));
            }
            else
            {
                Assert.Equal(i % 5 == 0 ? Second(i) : First(i), await ReadAllAsync(store, $"c/{i}"));
            }
        }

        static byte[] First(int i) => Bytes(1 + (i * 997 % 70_000), i);
        static byte[] Second(int i) => Bytes(5000 + i, -i);
        static Stream Content(byte[] payload, bool unseekable) => unseekable ? new UnseekableStream(payload) : new MemoryStream(payload);
    }

    [Fact]
    public async Task A_deleted_object_stays_readable_to_an_open_stream_until_the_grace_ends_then_its_range_is_punched_out()
    {
        var store = Open();
        var secret = Bytes(200_000, 7);
        await store.PutAsync("d/secret", new MemoryStream(secret), Ct);
        var kept = Bytes(5000, 8);
        await store.PutAsync("d/kept", new MemoryStream(kept), Ct);
        await using var open = (await store.OpenReadAsync("d/secret", Ct))!;

        Assert.True(await store.DeleteAsync("d/secret", Ct));
        Assert.Null(await store.OpenReadAsync("d/secret", Ct));
        _clock.Advance(PackSweep.ReaderGrace + TimeSpan.FromMinutes(1));
        var before = await ReadAllAsync(open);
        await store.PutAsync("d/trigger", new MemoryStream([1]), Ct);

        Assert.Equal(secret, before);
        var pack = await File.ReadAllBytesAsync(Directory.GetFiles(Packs, "*" + PackFolder.Extension).Single(), Ct);
        Assert.Equal(-1, pack.AsSpan().IndexOf(secret.AsSpan(0, 64)));
        Assert.True(pack.AsSpan(0, secret.Length).IndexOfAnyExcept((byte)0) < 0, "The deleted object's range reads as zeros.");
        Assert.Equal(kept, await ReadAllAsync(store, "d/kept"));
    }

    [Fact]
    public async Task A_put_that_fails_midway_leaves_the_previous_object_and_none_of_its_bytes()
    {
        var store = Open();
        await store.PutAsync("f/object", new MemoryStream([9, 9]), Ct);
        var marker = Bytes(300_000, 3);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("f/object", new FailingAfter(marker, 200_000), Ct));

        Assert.Equal([9, 9], await ReadAllAsync(store, "f/object"));
        var pack = await File.ReadAllBytesAsync(Directory.GetFiles(Packs, "*" + PackFolder.Extension).Single(), Ct);
        Assert.Equal(-1, pack.AsSpan().IndexOf(marker.AsSpan(1000, 64)));
    }

    [Fact]
    public async Task A_stream_that_yields_more_than_its_length_is_refused()
    {
        var store = Open();

        var error = await Assert.ThrowsAsync<IOException>(() => store.PutAsync("l/long", new LongerThanItSays([1, 2, 3, 4], 2), Ct));

        Assert.Contains("went on", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.OpenReadAsync("l/long", Ct));
    }

    [Fact]
    public async Task The_sweep_punches_out_what_a_dead_writer_left_uncommitted_and_deletes_packs_left_empty()
    {
        var dead = Open();
        await dead.PutAsync("s/kept", new MemoryStream(Bytes(10_000, 1)), Ct);
        await dead.PutAsync("s/gone", new MemoryStream(Bytes(10_000, 2)), Ct);
        Assert.True(await dead.DeleteAsync("s/gone", Ct));
        dead.Dispose();
        var pack = Directory.GetFiles(Packs, "*" + PackFolder.Extension).Single();
        var leftover = Bytes(50_000, 9);
        await using (var file = new FileStream(pack, FileMode.Append))
        {
            // A put the dead process wrote but never committed.
            await file.WriteAsync(leftover, Ct);
        }

        var otherDead = Open();
        await otherDead.PutAsync("s/only", new MemoryStream(Bytes(100, 4)), Ct);
        await otherDead.DeleteAsync("s/only", Ct);
        otherDead.Dispose();
        foreach (var file in Directory.GetFiles(Packs, "*" + PackFolder.Extension))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - TimeSpan.FromHours(1));
        }

        var swept = await Open().DeleteAbandonedWritesAsync(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(2, swept);
        Assert.Equal([pack], Directory.GetFiles(Packs, "*" + PackFolder.Extension));
        var bytes = await File.ReadAllBytesAsync(pack, Ct);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(leftover.AsSpan(0, 64)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Bytes(10_000, 2).AsSpan(0, 64)));
        Assert.Equal(Bytes(10_000, 1), await ReadAllAsync(Open(), "s/kept"));
        Assert.Equal(0, await Open().DeleteAbandonedWritesAsync(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task The_sweep_leaves_packs_written_since_the_cutoff_alone()
    {
        var store = Open();
        await store.PutAsync("r/object", new MemoryStream(Bytes(1000, 5)), Ct);
        var pack = Directory.GetFiles(Packs, "*" + PackFolder.Extension).Single();
        await using (var file = new FileStream(pack, FileMode.Append))
        {
            // A put another running process is still writing.
            await file.WriteAsync(Bytes(4000, 6), Ct);
        }

        Assert.Equal(0, await Open().DeleteAbandonedWritesAsync(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1), Ct));
        Assert.True((await File.ReadAllBytesAsync(pack, Ct)).AsSpan().IndexOf(Bytes(4000, 6).AsSpan(0, 64)) >= 0);
    }

    [Fact]
    public async Task Objects_stored_as_files_before_packs_are_read_listed_deleted_and_replaced()
    {
        var files = new FileSystemBlobStore(_root);
        await files.PutAsync("old/a", new MemoryStream([1, 2]), Ct);
        await files.PutAsync("old/b", new MemoryStream([3]), Ct);
        var store = Open();
        await store.PutAsync("old/c", new MemoryStream([4]), Ct);

        Assert.Equal([1, 2], await ReadAllAsync(store, "old/a"));
        var keys = new List<string>();
        await foreach (var key in store.ListAsync("old/", Ct))
        {
            keys.Add(key);
        }

        Assert.Equal(["old/a", "old/b", "old/c"], keys.Order(StringComparer.Ordinal));
        await store.PutAsync("old/a", new MemoryStream([5]), Ct);
        Assert.False(File.Exists(Path.Combine(_root, "old", "a")));
        Assert.Equal([5], await ReadAllAsync(store, "old/a"));
        Assert.True(await store.DeleteAsync("old/b", Ct));
        Assert.False(File.Exists(Path.Combine(_root, "old", "b")));
    }

    [Fact]
    public async Task A_catalogued_object_whose_pack_is_gone_is_an_error_that_names_the_pack()
    {
        var store = Open();
        await store.PutAsync("m/object", new MemoryStream([1]), Ct);
        var pack = Directory.GetFiles(Packs, "*" + PackFolder.Extension).Single();
        store.Dispose();
        File.Delete(pack);

        var error = await Assert.ThrowsAsync<IOException>(() => Open().OpenReadAsync("m/object", Ct));

        Assert.Contains(Path.GetFileName(pack), error.Message, StringComparison.Ordinal);
    }

    private PackedBlobStore Open()
    {
        var store = new PackedBlobStore(_root, _clock, NullLogger<PackedBlobStore>.Instance);
        _stores.Add(store);
        return store;
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    /// <summary>Claims its whole length, then fails after <paramref name="failAt"/> bytes (a connection reset mid-upload).</summary>
    private sealed class FailingAfter(byte[] bytes, int failAt) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) =>
            Position >= failAt ? throw new IOException("connection reset mid-upload") : base.Read(buffer[..(int)Math.Min(buffer.Length, failAt - Position)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A stream that cannot seek and says it holds fewer bytes than it yields.</summary>
    private sealed class LongerThanItSays(byte[] bytes, long size) : MemoryStream(bytes), ISizedStream
    {
        public override bool CanSeek => false;

        public long Size => size;
    }
}
