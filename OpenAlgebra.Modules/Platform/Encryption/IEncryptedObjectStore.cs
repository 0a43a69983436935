namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>What was stored: enough for the index to check the object later.</summary>
public sealed record StoredObject(string Key, long Size, string Sha256, string MasterKeyId);

/// <summary>
/// Objects encrypted at rest (HIPAA 164.312(a)(2)(iv)): AES-256-GCM with a random data key per object, the data key
/// wrapped by the master key in the object's own header, so one write stores an object whole and the master key
/// rotates without re-encrypting data.
/// </summary>
public interface IEncryptedObjectStore
{
    /// <summary>Stores the rest of <paramref name="plaintext"/>, which is read twice (its SHA-256 leads the object).</summary>
    /// <exception cref="ArgumentException"><paramref name="plaintext"/> cannot seek.</exception>
    Task<StoredObject> PutAsync(string key, Stream plaintext, CancellationToken cancellationToken = default);

    /// <summary>The decrypted bytes. Every chunk is authenticated before it is returned; at the end the plaintext's
    /// SHA-256 is compared with <paramref name="expectedSha256"/> (or the one recorded at write).</summary>
    /// <exception cref="IntegrityException">Tampering or corruption; also raised through <see cref="IIntegrityAlarm"/>.</exception>
    /// <returns>null when no object has that key.</returns>
    Task<Stream?> OpenReadAsync(string key, string? expectedSha256 = null, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Re-wraps every data key under the current master key; the data itself is untouched.</summary>
    /// <returns>How many data keys were re-wrapped (those already under the current key are skipped).</returns>
    Task<int> RewrapAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Id of the master key new objects are wrapped with.</summary>
    string CurrentMasterKeyId { get; }
}
