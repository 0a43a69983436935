using System.Security.Cryptography;
using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Modules.Platform.Encryption;

internal sealed class EncryptedObjectStore : IEncryptedObjectStore
{
    private static readonly Prometheus.Gauge EncryptionEnabled = Prometheus.Metrics.CreateGauge(
        "openalgebra_encryption_enabled", "1 when stored objects are encrypted at rest (every object goes through this store).");

    private readonly IBlobStore _blobs;
    private readonly MasterKeyRing _ring;
    private readonly IEnumerable<IIntegrityAlarm> _alarms;

    public EncryptedObjectStore(IBlobStore blobs, MasterKeyRing ring, IEnumerable<IIntegrityAlarm> alarms)
    {
        _blobs = blobs;
        _ring = ring;
        _alarms = alarms;
        EncryptionEnabled.Set(1);
    }

    public string CurrentMasterKeyId => _ring.CurrentId;

    public async Task<StoredObject> PutAsync(string key, Stream plaintext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (!plaintext.CanSeek)
        {
            throw new ArgumentException($"The plaintext of {key} must be seekable: its SHA-256 goes into the object's header, ahead of the data.", nameof(plaintext));
        }

        var start = plaintext.Position;
        var length = plaintext.Length - start;
        var sha256 = await HashAsync(plaintext, cancellationToken).ConfigureAwait(false);
        plaintext.Position = start;

        var dataKey = RandomNumberGenerator.GetBytes(KeyWrap.DataKeySize);
        Span<byte> noncePrefix = stackalloc byte[ChunkCipher.NoncePrefixSize];
        RandomNumberGenerator.Fill(noncePrefix);
        var header = ObjectHeader.Seal(dataKey, noncePrefix, ChunkCipher.DefaultChunkSize, length, sha256, key, _ring);
        using (var cipher = new ChunkCipher(dataKey, noncePrefix, key))
        {
            CryptographicOperations.ZeroMemory(dataKey);
            await using var encrypting = new EncryptingStream(plaintext, length, header.Bytes.ToArray(), cipher, ChunkCipher.DefaultChunkSize);
            await _blobs.PutAsync(key, encrypting, cancellationToken).ConfigureAwait(false);
        }

        return new StoredObject(key, length, header.Sha256, header.MasterKeyId);
    }

    public async Task<Stream?> OpenReadAsync(string key, string? expectedSha256 = null, CancellationToken cancellationToken = default)
    {
        var stored = await _blobs.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        try
        {
            var start = new byte[ObjectHeader.Length];
            var read = await stored.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (await GuardedAsync(() => ObjectHeader.Parse(start.AsSpan(0, read), key), cancellationToken).ConfigureAwait(false) is { } header)
            {
                var opened = await OpenAsync(stored, key, expectedSha256, header.Sha256, header.ChunkSize, header.Size, header.NoncePrefix.ToArray(),
                    () => header.Unwrap(key, _ring), cancellationToken).ConfigureAwait(false);
                stored = null;
                return opened;
            }
        }
        finally
        {
            if (stored is not null)
            {
                await stored.DisposeAsync().ConfigureAwait(false);
            }
        }

        return await OpenOlderFormatAsync(key, expectedSha256, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var deleted = await _blobs.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        return await _blobs.DeleteAsync(key + DataKeyEnvelope.Suffix, cancellationToken).ConfigureAwait(false) || deleted;
    }

    public async Task<int> RewrapAllAsync(CancellationToken cancellationToken = default)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var name in _blobs.ListAsync("", cancellationToken).ConfigureAwait(false))
        {
            names.Add(name);
        }

        var rewrapped = 0;
        foreach (var name in names)
        {
            var done = name.EndsWith(DataKeyEnvelope.Suffix, StringComparison.Ordinal)
                ? await RewrapEnvelopeAsync(name[..^DataKeyEnvelope.Suffix.Length], cancellationToken).ConfigureAwait(false)
                : !names.Contains(name + DataKeyEnvelope.Suffix) && await RewrapHeaderAsync(name, cancellationToken).ConfigureAwait(false);
            rewrapped += done ? 1 : 0;
        }

        return rewrapped;
    }

    /// <summary>Writes the object again with a new header in front of the very same ciphertext bytes.</summary>
    private async Task<bool> RewrapHeaderAsync(string key, CancellationToken cancellationToken)
    {
        await using var stored = await _blobs.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return false;
        }

        var start = new byte[ObjectHeader.Length];
        var read = await stored.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var header = await GuardedAsync(() => ObjectHeader.Parse(start.AsSpan(0, read), key), cancellationToken).ConfigureAwait(false);
        if (header is null || header.MasterKeyId == _ring.CurrentId)
        {
            return false;
        }

        var rewrapped = await GuardedAsync(() => header.Rewrap(key, _ring), cancellationToken).ConfigureAwait(false);
        await using var replacement = new PrefixedStream(rewrapped.Bytes.ToArray(), stored);
        await _blobs.PutAsync(key, replacement, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> RewrapEnvelopeAsync(string key, CancellationToken cancellationToken)
    {
        var envelope = await ReadEnvelopeAsync(key, cancellationToken).ConfigureAwait(false);
        if (envelope is null || envelope.MasterKeyId == _ring.CurrentId)
        {
            return false;
        }

        var updated = await GuardedAsync(() => envelope.Rewrap(key, _ring), cancellationToken).ConfigureAwait(false);
        await _blobs.PutAsync(key + DataKeyEnvelope.Suffix, new MemoryStream(updated.ToBytes()), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// An object without a header was written before the key moved into it, with its key in "&lt;key&gt;.dek"; when that is
    /// missing too, the object's header was destroyed: that is tampering, not absence.
    /// </summary>
    private async Task<Stream?> OpenOlderFormatAsync(string key, string? expectedSha256, CancellationToken cancellationToken)
    {
        var envelope = await ReadEnvelopeAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw await AlarmAsync(new IntegrityException(key, "it has neither a key header nor a key envelope (its header was altered)."), cancellationToken)
                .ConfigureAwait(false);
        var ciphertext = await _blobs.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        return ciphertext is null
            ? null
            : await OpenAsync(ciphertext, key, expectedSha256, envelope.Sha256, envelope.ChunkSize, envelope.Size, Convert.FromBase64String(envelope.NoncePrefix),
                () => envelope.Unwrap(key, _ring), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the recorded hash against the stored one before any byte is served, then decrypts as the caller reads.</summary>
    private async Task<Stream> OpenAsync(Stream ciphertext, string key, string? expectedSha256, string storedSha256, int chunkSize, long size,
        byte[] noncePrefix, Func<byte[]> unwrap, CancellationToken cancellationToken)
    {
        try
        {
            if (expectedSha256 is not null && !string.Equals(expectedSha256, storedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw await AlarmAsync(new IntegrityException(key, $"the index records SHA-256 {expectedSha256}, the object {storedSha256}."), cancellationToken)
                    .ConfigureAwait(false);
            }

            var dataKey = await GuardedAsync(unwrap, cancellationToken).ConfigureAwait(false);
            var cipher = new ChunkCipher(dataKey, noncePrefix, key);
            CryptographicOperations.ZeroMemory(dataKey);
            return new DecryptingStream(ciphertext, cipher, chunkSize, size, key, expectedSha256 ?? storedSha256,
                failure => AlarmAsync(failure, CancellationToken.None).GetAwaiter().GetResult());
        }
        catch
        {
            await ciphertext.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<DataKeyEnvelope?> ReadEnvelopeAsync(string key, CancellationToken cancellationToken)
    {
        await using var stream = await _blobs.OpenReadAsync(key + DataKeyEnvelope.Suffix, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        return await GuardedAsync(() => DataKeyEnvelope.Parse(bytes.ToArray(), key), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> HashAsync(Stream plaintext, CancellationToken cancellationToken) =>
        plaintext is MemoryStream memory && memory.TryGetBuffer(out var buffer)
            ? SHA256.HashData(buffer.AsSpan((int)memory.Position))
            : await SHA256.HashDataAsync(plaintext, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs a step that may find tampering; the failure is raised through every alarm before it is thrown.</summary>
    private async Task<T> GuardedAsync<T>(Func<T> step, CancellationToken cancellationToken)
    {
        try
        {
            return step();
        }
        catch (IntegrityException e)
        {
            throw await AlarmAsync(e, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IntegrityException> AlarmAsync(IntegrityException failure, CancellationToken cancellationToken)
    {
        foreach (var alarm in _alarms)
        {
            await alarm.RaiseAsync(failure, cancellationToken).ConfigureAwait(false);
        }

        return failure;
    }
}
