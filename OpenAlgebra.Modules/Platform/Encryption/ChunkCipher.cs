using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// AES-256-GCM over fixed-size chunks (the STREAM construction): each chunk's nonce carries its index and a
/// last-chunk flag, and every chunk is bound to the object key, so chunks cannot be reordered, dropped, cut off
/// at the end or moved to another object without failing authentication.
/// </summary>
internal sealed class ChunkCipher : IDisposable
{
    public const int TagSize = 16;
    public const int NoncePrefixSize = 7;
    public const int DefaultChunkSize = 1 << 20;

    /// <summary>The largest chunk a reader accepts from a stored header before allocating for it.</summary>
    public const int MaxChunkSize = 16 << 20;

    private readonly AesGcm _aes;
    private readonly byte[] _noncePrefix;
    private readonly byte[] _associatedData;
    private readonly byte[] _nonce = new byte[12];

    public ChunkCipher(byte[] dataKey, ReadOnlySpan<byte> noncePrefix, string objectKey)
    {
        _aes = new AesGcm(dataKey, TagSize);
        _noncePrefix = noncePrefix.ToArray();
        _associatedData = Encoding.UTF8.GetBytes(objectKey);
    }

    public void Encrypt(uint index, bool last, ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag)
    {
        SetNonce(index, last);
        _aes.Encrypt(_nonce, plaintext, ciphertextAndTag[..plaintext.Length], ciphertextAndTag.Slice(plaintext.Length, TagSize), _associatedData);
    }

    /// <returns>False when the chunk is not authentic (tampered, reordered, truncated or from another object).</returns>
    public bool TryDecrypt(uint index, bool last, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext)
    {
        SetNonce(index, last);
        var length = ciphertextAndTag.Length - TagSize;
        try
        {
            _aes.Decrypt(_nonce, ciphertextAndTag[..length], ciphertextAndTag[length..], plaintext[..length], _associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => _aes.Dispose();

    private void SetNonce(uint index, bool last)
    {
        _noncePrefix.CopyTo(_nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(_nonce.AsSpan(NoncePrefixSize), index);
        _nonce[11] = last ? (byte)1 : (byte)0;
    }
}
