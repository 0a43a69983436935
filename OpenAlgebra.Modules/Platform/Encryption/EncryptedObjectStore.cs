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
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var noncePrefix = RandomNumberGenerator.GetBytes(ChunkCipher.NoncePrefixSize);
        using var cipher = new ChunkCipher(dataKey, noncePrefix, key);
        await using var encrypting = new EncryptingStream(plaintext, cipher, ChunkCipher.DefaultChunkSize);
        await _blobs.PutAsync(key, encrypting, cancellationToken).ConfigureAwait(false);

        // The envelope goes second: an object without one reads as missing, never as plaintext or garbage.
        var envelope = DataKeyEnvelope.Seal(dataKey, noncePrefix, ChunkCipher.DefaultChunkSize, key, _ring, encrypting.PlaintextSize, encrypting.Sha256);
        await _blobs.PutAsync(key + DataKeyEnvelope.Suffix, new MemoryStream(envelope.ToBytes()), cancellationToken).ConfigureAwait(false);
        CryptographicOperations.ZeroMemory(dataKey);
        return new StoredObject(key, envelope.Size, envelope.Sha256, envelope.MasterKeyId);
    }

    public async Task<Stream?> OpenReadAsync(string key, string? expectedSha256 = null, CancellationToken cancellationToken = default)
    {
        var envelope = await ReadEnvelopeAsync(key, cancellationToken).ConfigureAwait(false);
        if (envelope is null)
        {
            return null;
        }

        if (expectedSha256 is not null && !string.Equals(expectedSha256, envelope.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw await AlarmAsync(new IntegrityException(key, $"the index records SHA-256 {expectedSha256}, its envelope {envelope.Sha256}."), cancellationToken)
                .ConfigureAwait(false);
        }

        byte[] dataKey;
        try
        {
            dataKey = envelope.Unwrap(key, _ring);
        }
        catch (IntegrityException e)
        {
            throw await AlarmAsync(e, cancellationToken).ConfigureAwait(false);
        }

        var ciphertext = await _blobs.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (ciphertext is null)
        {
            return null;
        }

        var cipher = new ChunkCipher(dataKey, Convert.FromBase64String(envelope.NoncePrefix), key);
        CryptographicOperations.ZeroMemory(dataKey);
        return new DecryptingStream(ciphertext, cipher, envelope.ChunkSize, key, expectedSha256 ?? envelope.Sha256,
            failure => AlarmAsync(failure, CancellationToken.None).GetAwaiter().GetResult());
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var deleted = await _blobs.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        return await _blobs.DeleteAsync(key + DataKeyEnvelope.Suffix, cancellationToken).ConfigureAwait(false) || deleted;
    }

    public async Task<int> RewrapAllAsync(CancellationToken cancellationToken = default)
    {
        var rewrapped = 0;
        var envelopes = new List<string>();
        await foreach (var name in _blobs.ListAsync("", cancellationToken).ConfigureAwait(false))
        {
            if (name.EndsWith(DataKeyEnvelope.Suffix, StringComparison.Ordinal))
            {
                envelopes.Add(name);
            }
        }

        foreach (var name in envelopes)
        {
            var key = name[..^DataKeyEnvelope.Suffix.Length];
            var envelope = await ReadEnvelopeAsync(key, cancellationToken).ConfigureAwait(false);
            if (envelope is null || envelope.MasterKeyId == _ring.CurrentId)
            {
                continue;
            }

            var updated = envelope.Rewrap(key, _ring);
            await _blobs.PutAsync(name, new MemoryStream(updated.ToBytes()), cancellationToken).ConfigureAwait(false);
            rewrapped++;
        }

        return rewrapped;
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
        try
        {
            return DataKeyEnvelope.Parse(bytes.ToArray(), key);
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
