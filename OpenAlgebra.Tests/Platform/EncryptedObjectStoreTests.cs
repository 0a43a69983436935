using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Blobs.Packs;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Tests.Platform;

public sealed class EncryptedObjectStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("openalgebra-enc-").FullName;
    private readonly RecordingAlarm _alarm = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<PackedBlobStore> _stores = [];

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1 << 20)]
    [InlineData((3 << 20) + 12345)]
    public async Task Objects_round_trip_and_are_not_stored_in_clear(int size)
    {
        var (store, blobs) = Create();
        var payload = RandomNumberGenerator.GetBytes(size);

        var stored = await store.PutAsync("s/obj", new MemoryStream(payload), Ct);

        Assert.Equal(size, stored.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), stored.Sha256);
        var raw = await BlobStoreContractHelpers.ReadAsync(blobs, "s/obj");
        var chunks = Math.Max(1, (size + (1 << 20) - 1) >> 20);
        Assert.Equal(ObjectHeader.Length + size + (16 * chunks), raw.Length);
        Assert.Equal(["s/obj"], await ListAsync(blobs));
        if (size >= 64)
        {
            Assert.True(raw.AsSpan().IndexOf(payload.AsSpan(0, 32)) < 0);
        }

        Assert.Equal(payload, await ReadAsync(store, "s/obj", stored.Sha256));
    }

    [Fact]
    public async Task A_flipped_byte_in_storage_is_refused_and_raises_the_alarm()
    {
        var (store, blobs) = Create();
        var stored = await store.PutAsync("s/flip", new MemoryStream(RandomNumberGenerator.GetBytes(5000)), Ct);
        var raw = await BlobStoreContractHelpers.ReadAsync(blobs, "s/flip");
        raw[2500] ^= 0x01;
        await blobs.PutAsync("s/flip", new MemoryStream(raw), Ct);

        var error = await Assert.ThrowsAsync<IntegrityException>(() => ReadAsync(store, "s/flip", stored.Sha256));

        Assert.Equal("s/flip", error.ObjectKey);
        Assert.Single(_alarm.Failures);
    }

    [Fact]
    public async Task A_cut_off_object_is_refused()
    {
        var (store, blobs) = Create();
        await store.PutAsync("s/cut", new MemoryStream(RandomNumberGenerator.GetBytes((2 << 20) + 10)), Ct);
        var raw = await BlobStoreContractHelpers.ReadAsync(blobs, "s/cut");
        await blobs.PutAsync("s/cut", new MemoryStream(raw[..((1 << 20) + 16)]), Ct);

        var error = await Assert.ThrowsAsync<IntegrityException>(() => ReadAsync(store, "s/cut", null));

        Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ciphertext_moved_to_another_key_does_not_decrypt()
    {
        var (store, blobs) = Create();
        await store.PutAsync("s/a", new MemoryStream([1, 2, 3]), Ct);
        await store.PutAsync("s/b", new MemoryStream([4, 5, 6]), Ct);
        await blobs.PutAsync("s/b", new MemoryStream(await BlobStoreContractHelpers.ReadAsync(blobs, "s/a")), Ct);

        await Assert.ThrowsAsync<IntegrityException>(() => ReadAsync(store, "s/b", null));
    }

    [Fact]
    public async Task A_different_recorded_hash_is_refused_before_any_byte_is_served()
    {
        var (store, _) = Create();
        await store.PutAsync("s/h", new MemoryStream([1, 2, 3]), Ct);

        await Assert.ThrowsAsync<IntegrityException>(() => store.OpenReadAsync("s/h", new string('0', 64), Ct));
        Assert.Single(_alarm.Failures);
    }

    [Fact]
    public async Task A_missing_object_reads_as_null()
    {
        var (store, _) = Create();

        Assert.Null(await store.OpenReadAsync("s/none", null, Ct));
    }

    [Fact]
    public async Task Rotation_rewraps_data_keys_without_touching_the_data()
    {
        var blobs = Packed(Path.Combine(_root, "blobs"));
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        var before = new EncryptedObjectStore(blobs, new MasterKeyRing(oldKey, []), [_alarm]);
        var stored = await before.PutAsync("r/1", new MemoryStream([9, 8, 7]), Ct);
        var ciphertext = await BlobStoreContractHelpers.ReadAsync(blobs, "r/1");

        var during = new EncryptedObjectStore(blobs, new MasterKeyRing(newKey, [oldKey]), [_alarm]);
        Assert.Equal(1, await during.RewrapAllAsync(Ct));
        Assert.Equal(0, await during.RewrapAllAsync(Ct));

        var after = new EncryptedObjectStore(blobs, new MasterKeyRing(newKey, []), [_alarm]);
        Assert.Equal([9, 8, 7], await ReadAsync(after, "r/1", stored.Sha256));
        var rewritten = await BlobStoreContractHelpers.ReadAsync(blobs, "r/1");
        Assert.Equal(ciphertext[ObjectHeader.Length..], rewritten[ObjectHeader.Length..]);
        Assert.NotEqual(ciphertext[..ObjectHeader.Length], rewritten[..ObjectHeader.Length]);
        await Assert.ThrowsAsync<IntegrityException>(() => new EncryptedObjectStore(blobs, new MasterKeyRing(oldKey, []), [_alarm]).OpenReadAsync("r/1", null, Ct));
    }

    [Fact]
    public async Task The_embedded_key_is_generated_once_private_and_rotated_by_the_command_service()
    {
        var paths = new Modules.Platform.PlatformPaths(Options.Create(new Modules.Platform.PlatformOptions { DataDirectory = _root }),
            new TestEnvironment(_root));
        var options = Options.Create(new EncryptionOptions());
        var first = MasterKeySource.Load(options, paths, NullLogger.Instance);
        var again = MasterKeySource.Load(options, paths, NullLogger.Instance);
        Assert.Equal(first.CurrentId, again.CurrentId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(paths.KeyDirectory, "master.key")));
        }

        var blobs = Packed(paths.BlobDirectory);
        var stored = await new EncryptedObjectStore(blobs, first, [_alarm]).PutAsync("k/1", new MemoryStream([1]), Ct);
        var result = await new MasterKeyRotation(options, paths, blobs, [_alarm], NullLoggerFactory.Instance).RotateAsync(Ct);

        Assert.True(result.KeyGenerated);
        Assert.Equal(1, result.DataKeysRewrapped);
        Assert.NotEqual(first.CurrentId, result.CurrentKeyId);
        Assert.Empty(Directory.GetFiles(paths.KeyDirectory, "*.previous"));
        var rotated = MasterKeySource.Load(options, paths, NullLogger.Instance);
        Assert.Equal([1], await ReadAsync(new EncryptedObjectStore(blobs, rotated, [_alarm]), "k/1", stored.Sha256));
    }

    [Fact]
    public async Task A_flipped_byte_in_the_key_header_is_refused_at_open_and_raises_the_alarm()
    {
        var (store, blobs) = Create();
        var stored = await store.PutAsync("s/head", new MemoryStream(RandomNumberGenerator.GetBytes(100)), Ct);
        var raw = await BlobStoreContractHelpers.ReadAsync(blobs, "s/head");
        raw[8 + 16 + ChunkCipher.NoncePrefixSize + 4] ^= 0x01; // the recorded length: bound to the wrapped key, not inside it
        await blobs.PutAsync("s/head", new MemoryStream(raw), Ct);

        var error = await Assert.ThrowsAsync<IntegrityException>(() => store.OpenReadAsync("s/head", stored.Sha256, Ct));

        Assert.Contains("key header does not authenticate", error.Message, StringComparison.Ordinal);
        Assert.Single(_alarm.Failures);
    }

    [Fact]
    public async Task An_object_whose_header_is_gone_is_tampering_not_absence()
    {
        var (store, blobs) = Create();
        await store.PutAsync("s/gone", new MemoryStream([1, 2, 3]), Ct);
        var raw = await BlobStoreContractHelpers.ReadAsync(blobs, "s/gone");
        raw[0] ^= 0xFF;
        await blobs.PutAsync("s/gone", new MemoryStream(raw), Ct);

        var error = await Assert.ThrowsAsync<IntegrityException>(() => store.OpenReadAsync("s/gone", null, Ct));

        Assert.Contains("neither a key header nor a key envelope", error.Message, StringComparison.Ordinal);
        Assert.Single(_alarm.Failures);
    }

    [Fact]
    public async Task A_plaintext_that_cannot_seek_is_refused_with_the_reason()
    {
        var (store, blobs) = Create();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("s/pipe", new OneWayStream([1, 2, 3]), Ct));

        Assert.Contains("must be seekable", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(blobs));
    }

    [Fact]
    public async Task Objects_written_with_the_key_beside_them_stay_readable_and_rotate()
    {
        // Written as files of their own, as the store did then; read and rotated through today's store of packs.
        var files = new FileSystemBlobStore(Path.Combine(_root, "blobs"));
        var blobs = Packed(Path.Combine(_root, "blobs"));
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        var payload = RandomNumberGenerator.GetBytes((1 << 20) + 77);
        var sha = await OlderFormat.WriteAsync(files, "old/1", payload, oldKey);
        var ciphertext = await BlobStoreContractHelpers.ReadAsync(blobs, "old/1");
        await new EncryptedObjectStore(blobs, new MasterKeyRing(oldKey, []), [_alarm]).PutAsync("new/1", new MemoryStream([4, 2]), Ct);

        var before = new EncryptedObjectStore(blobs, new MasterKeyRing(oldKey, []), [_alarm]);
        Assert.Equal(payload, await ReadAsync(before, "old/1", sha));
        var during = new EncryptedObjectStore(blobs, new MasterKeyRing(newKey, [oldKey]), [_alarm]);
        Assert.Equal(2, await during.RewrapAllAsync(Ct));

        var after = new EncryptedObjectStore(blobs, new MasterKeyRing(newKey, []), [_alarm]);
        Assert.Equal(payload, await ReadAsync(after, "old/1", sha));
        Assert.Equal([4, 2], await ReadAsync(after, "new/1", null));
        Assert.Equal(ciphertext, await BlobStoreContractHelpers.ReadAsync(blobs, "old/1"));
        Assert.True(await after.DeleteAsync("old/1", Ct));
        Assert.Equal(["new/1"], await ListAsync(blobs));
        Assert.Empty(_alarm.Failures);
    }

    [Theory]
    [InlineData("not base64!", "not base64")]
    [InlineData("AAAA", "must be 32 bytes")]
    public void A_bad_configured_key_is_named(string key, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MasterKeyRing.Parse(key, "OpenAlgebra:Encryption:MasterKey"));

        Assert.Contains("OpenAlgebra:Encryption:MasterKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    /// <summary>An object store over the embedded profile's blob store, as the application builds it.</summary>
    private (EncryptedObjectStore Store, IBlobStore Blobs) Create()
    {
        var blobs = Packed(Path.Combine(_root, "blobs"));
        return (new EncryptedObjectStore(blobs, new MasterKeyRing(RandomNumberGenerator.GetBytes(32), []), [_alarm]), blobs);
    }

    private PackedBlobStore Packed(string root)
    {
        var store = new PackedBlobStore(root, TimeProvider.System, NullLogger<PackedBlobStore>.Instance);
        _stores.Add(store);
        return store;
    }

    private static async Task<byte[]> ReadAsync(EncryptedObjectStore store, string key, string? sha)
    {
        await using var stream = await store.OpenReadAsync(key, sha, Ct) ?? throw new InvalidOperationException("missing");
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private static async Task<List<string>> ListAsync(IBlobStore blobs)
    {
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync("", Ct))
        {
            names.Add(name);
        }

        return names;
    }

    /// <summary>Writes an object the way the store did before the key moved into its header: ciphertext, and "&lt;key&gt;.dek".</summary>
    private static class OlderFormat
    {
        public static async Task<string> WriteAsync(FileSystemBlobStore blobs, string key, byte[] payload, byte[] masterKey)
        {
            var dataKey = RandomNumberGenerator.GetBytes(32);
            var noncePrefix = RandomNumberGenerator.GetBytes(ChunkCipher.NoncePrefixSize);
            var ciphertext = new MemoryStream();
            using (var cipher = new ChunkCipher(dataKey, noncePrefix, key))
            {
                var chunks = Math.Max(1, (payload.Length + ChunkCipher.DefaultChunkSize - 1) / ChunkCipher.DefaultChunkSize);
                for (var i = 0; i < chunks; i++)
                {
                    var chunk = payload.AsSpan(i * ChunkCipher.DefaultChunkSize, Math.Min(ChunkCipher.DefaultChunkSize, payload.Length - (i * ChunkCipher.DefaultChunkSize)));
                    var output = new byte[chunk.Length + ChunkCipher.TagSize];
                    cipher.Encrypt((uint)i, i == chunks - 1, chunk, output);
                    ciphertext.Write(output);
                }
            }

            var wrapped = new byte[KeyWrap.Size];
            KeyWrap.Wrap(dataKey, masterKey, DataKeyEnvelope.AssociatedData(key), wrapped);
            var sha = Convert.ToHexStringLower(SHA256.HashData(payload));
            var envelope = new DataKeyEnvelope(1, MasterKeyRing.IdOf(masterKey), Convert.ToBase64String(wrapped), Convert.ToBase64String(noncePrefix),
                ChunkCipher.DefaultChunkSize, payload.Length, sha);
            await blobs.PutAsync(key, new MemoryStream(ciphertext.ToArray()), Ct);
            await blobs.PutAsync(key + DataKeyEnvelope.Suffix, new MemoryStream(envelope.ToBytes()), Ct);
            return sha;
        }
    }

    private sealed class OneWayStream(byte[] bytes) : Modules.Platform.ForwardReadStream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override int Read(Span<byte> buffer) => _inner.Read(buffer);
    }

    private sealed class RecordingAlarm : IIntegrityAlarm
    {
        public List<IntegrityException> Failures { get; } = [];

        public Task RaiseAsync(IntegrityException failure, CancellationToken cancellationToken = default)
        {
            Failures.Add(failure);
            return Task.CompletedTask;
        }
    }

    private sealed class TestEnvironment(string root) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Tests";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}

internal static class BlobStoreContractHelpers
{
    public static async Task<byte[]> ReadAsync(IBlobStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"{key} missing");
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }
}
