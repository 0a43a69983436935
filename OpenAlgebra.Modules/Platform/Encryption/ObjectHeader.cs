using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// The first <see cref="Length"/> bytes of an encrypted object: its data key wrapped by a master key, the chunking
/// parameters, and the plaintext's size and SHA-256, so that one write (and one fsync, or one S3 PUT) stores an object
/// whole. The wrap's associated data is the object key plus every other header field: a changed byte anywhere in the
/// header fails authentication. Re-wrapping rewrites this header and copies the ciphertext after it unchanged.
/// </summary>
internal sealed class ObjectHeader
{
    public const int Length = MagicLength + KeyIdLength + ChunkCipher.NoncePrefixSize + 4 + 8 + Sha256Length + KeyWrap.Size;

    private const int MagicLength = 8;
    private const int KeyIdLength = 16;
    private const int Sha256Length = 32;
    private const int WrappedOffset = Length - KeyWrap.Size;

    private readonly byte[] _bytes;

    private ObjectHeader(byte[] bytes) => _bytes = bytes;

    /// <summary>Starts every object in this format; objects written before it keep their key in "&lt;key&gt;.dek".</summary>
    public static ReadOnlySpan<byte> Magic => "OAENC\0\u0002\n"u8;

    public string MasterKeyId => Encoding.ASCII.GetString(_bytes, MagicLength, KeyIdLength);

    public ReadOnlySpan<byte> NoncePrefix => _bytes.AsSpan(MagicLength + KeyIdLength, ChunkCipher.NoncePrefixSize);

    public int ChunkSize => BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(MagicLength + KeyIdLength + ChunkCipher.NoncePrefixSize));

    public long Size => BinaryPrimitives.ReadInt64LittleEndian(_bytes.AsSpan(MagicLength + KeyIdLength + ChunkCipher.NoncePrefixSize + 4));

    /// <summary>Lower-case hex SHA-256 of the plaintext.</summary>
    public string Sha256 => Convert.ToHexStringLower(_bytes.AsSpan(WrappedOffset - Sha256Length, Sha256Length));

    public ReadOnlySpan<byte> Bytes => _bytes;

    public static ObjectHeader Seal(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> noncePrefix, int chunkSize, long size, ReadOnlySpan<byte> sha256,
        string objectKey, MasterKeyRing ring)
    {
        var bytes = new byte[Length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        Encoding.ASCII.GetBytes(ring.CurrentId, span.Slice(MagicLength, KeyIdLength));
        noncePrefix.CopyTo(span.Slice(MagicLength + KeyIdLength));
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(MagicLength + KeyIdLength + ChunkCipher.NoncePrefixSize), chunkSize);
        BinaryPrimitives.WriteInt64LittleEndian(span.Slice(MagicLength + KeyIdLength + ChunkCipher.NoncePrefixSize + 4), size);
        sha256.CopyTo(span.Slice(WrappedOffset - Sha256Length, Sha256Length));
        KeyWrap.Wrap(dataKey, ring.Current, AssociatedData(bytes, objectKey), span[WrappedOffset..]);
        return new ObjectHeader(bytes);
    }

    /// <returns>null when <paramref name="bytes"/> does not start with <see cref="Magic"/> (an object in the older format).</returns>
    /// <exception cref="IntegrityException">The magic is there but the header is cut short or names an impossible chunk size.</exception>
    public static ObjectHeader? Parse(ReadOnlySpan<byte> bytes, string objectKey)
    {
        if (!bytes.StartsWith(Magic))
        {
            return null;
        }

        if (bytes.Length < Length)
        {
            throw new IntegrityException(objectKey, $"its key header is cut short ({bytes.Length} of {Length} bytes).");
        }

        var header = new ObjectHeader(bytes[..Length].ToArray());
        return header.ChunkSize is > 0 and <= ChunkCipher.MaxChunkSize && header.Size >= 0
            ? header
            : throw new IntegrityException(objectKey, "its key header names an impossible chunk size or length.");
    }

    /// <exception cref="IntegrityException">The master key is not configured, or the header was altered.</exception>
    public byte[] Unwrap(string objectKey, MasterKeyRing ring)
    {
        var id = MasterKeyId;
        if (!ring.TryGet(id, out var master))
        {
            throw new IntegrityException(objectKey, $"its data key is wrapped by master key {id}, which is not configured.");
        }

        var dataKey = new byte[KeyWrap.DataKeySize];
        return KeyWrap.TryUnwrap(_bytes.AsSpan(WrappedOffset), master, AssociatedData(_bytes, objectKey), dataKey)
            ? dataKey
            : throw new IntegrityException(objectKey, "its key header does not authenticate (altered, or moved from another object).");
    }

    /// <summary>The same header with the data key wrapped by the current master key.</summary>
    public ObjectHeader Rewrap(string objectKey, MasterKeyRing ring)
    {
        var dataKey = Unwrap(objectKey, ring);
        try
        {
            return Seal(dataKey, NoncePrefix, ChunkSize, Size, _bytes.AsSpan(WrappedOffset - Sha256Length, Sha256Length), objectKey, ring);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] AssociatedData(byte[] header, string objectKey)
    {
        var label = Encoding.UTF8.GetBytes("openalgebra-object|" + objectKey + "|");
        return [.. label, .. header.AsSpan(0, WrappedOffset)];
    }
}
