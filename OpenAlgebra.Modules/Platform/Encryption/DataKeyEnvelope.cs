using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// The small object stored beside each encrypted object ("&lt;key&gt;.dek"): its data key wrapped by a master key
/// (AES-256-GCM, bound to the object key), the chunking parameters, and the plaintext's size and SHA-256.
/// </summary>
internal sealed record DataKeyEnvelope(int Version, string MasterKeyId, string WrappedKey, string NoncePrefix, int ChunkSize, long Size, string Sha256)
{
    public const string Suffix = ".dek";

    public static DataKeyEnvelope Seal(byte[] dataKey, byte[] noncePrefix, int chunkSize, string objectKey, MasterKeyRing ring, long size, string sha256) =>
        new(1, ring.CurrentId, Wrap(dataKey, ring.Current, objectKey), Convert.ToBase64String(noncePrefix), chunkSize, size, sha256);

    /// <exception cref="IntegrityException">The master key is unknown or the wrapped key was altered.</exception>
    public byte[] Unwrap(string objectKey, MasterKeyRing ring)
    {
        if (!ring.TryGet(MasterKeyId, out var master))
        {
            throw new IntegrityException(objectKey, $"its data key is wrapped by master key {MasterKeyId}, which is not configured.");
        }

        var wrapped = Convert.FromBase64String(WrappedKey);
        var dataKey = new byte[32];
        using var aes = new AesGcm(master, ChunkCipher.TagSize);
        try
        {
            aes.Decrypt(wrapped.AsSpan(0, 12), wrapped.AsSpan(12, 32), wrapped.AsSpan(44, ChunkCipher.TagSize), dataKey, AssociatedData(objectKey));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new IntegrityException(objectKey, "its wrapped data key does not authenticate.");
        }

        return dataKey;
    }

    public DataKeyEnvelope Rewrap(string objectKey, MasterKeyRing ring) =>
        this with { MasterKeyId = ring.CurrentId, WrappedKey = Wrap(Unwrap(objectKey, ring), ring.Current, objectKey) };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static DataKeyEnvelope Parse(byte[] bytes, string objectKey)
    {
        try
        {
            return JsonSerializer.Deserialize<DataKeyEnvelope>(bytes) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new IntegrityException(objectKey, $"its key envelope is unreadable ({e.Message}).");
        }
    }

    private static string Wrap(byte[] dataKey, byte[] master, string objectKey)
    {
        var wrapped = new byte[12 + 32 + ChunkCipher.TagSize];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, 12));
        using var aes = new AesGcm(master, ChunkCipher.TagSize);
        aes.Encrypt(wrapped.AsSpan(0, 12), dataKey, wrapped.AsSpan(12, 32), wrapped.AsSpan(44, ChunkCipher.TagSize), AssociatedData(objectKey));
        return Convert.ToBase64String(wrapped);
    }

    private static byte[] AssociatedData(string objectKey) => Encoding.UTF8.GetBytes("openalgebra-dek|" + objectKey);
}
