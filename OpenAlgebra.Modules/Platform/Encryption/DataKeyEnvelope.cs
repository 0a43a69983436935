using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// How objects written before the <see cref="ObjectHeader"/> format keep their key: a small JSON object beside them
/// ("&lt;key&gt;.dek") with the data key wrapped by a master key (bound to the object key), the chunking parameters, and
/// the plaintext's size and SHA-256. Such objects stay readable, and rotation re-wraps them in place.
/// </summary>
internal sealed record DataKeyEnvelope(int Version, string MasterKeyId, string WrappedKey, string NoncePrefix, int ChunkSize, long Size, string Sha256)
{
    public const string Suffix = ".dek";

    /// <exception cref="IntegrityException">The master key is unknown or the wrapped key was altered.</exception>
    public byte[] Unwrap(string objectKey, MasterKeyRing ring)
    {
        if (!ring.TryGet(MasterKeyId, out var master))
        {
            throw new IntegrityException(objectKey, $"its data key is wrapped by master key {MasterKeyId}, which is not configured.");
        }

        var wrapped = Convert.FromBase64String(WrappedKey);
        var dataKey = new byte[KeyWrap.DataKeySize];
        return wrapped.Length == KeyWrap.Size && KeyWrap.TryUnwrap(wrapped, master, AssociatedData(objectKey), dataKey)
            ? dataKey
            : throw new IntegrityException(objectKey, "its wrapped data key does not authenticate.");
    }

    public DataKeyEnvelope Rewrap(string objectKey, MasterKeyRing ring)
    {
        var dataKey = Unwrap(objectKey, ring);
        var wrapped = new byte[KeyWrap.Size];
        KeyWrap.Wrap(dataKey, ring.Current, AssociatedData(objectKey), wrapped);
        CryptographicOperations.ZeroMemory(dataKey);
        return this with { MasterKeyId = ring.CurrentId, WrappedKey = Convert.ToBase64String(wrapped) };
    }

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

    public static byte[] AssociatedData(string objectKey) => Encoding.UTF8.GetBytes("openalgebra-dek|" + objectKey);
}
