using System.Security.Cryptography;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// A 32-byte data key sealed by a master key with AES-256-GCM: a random 12-byte nonce, the encrypted key and its tag.
/// The associated data binds the wrapped key to its object (and, in an object header, to every field beside it).
/// </summary>
internal static class KeyWrap
{
    public const int DataKeySize = 32;
    public const int NonceSize = 12;
    public const int Size = NonceSize + DataKeySize + ChunkCipher.TagSize;

    public static void Wrap(ReadOnlySpan<byte> dataKey, byte[] master, ReadOnlySpan<byte> associatedData, Span<byte> wrapped)
    {
        RandomNumberGenerator.Fill(wrapped[..NonceSize]);
        using var aes = new AesGcm(master, ChunkCipher.TagSize);
        aes.Encrypt(wrapped[..NonceSize], dataKey, wrapped.Slice(NonceSize, DataKeySize), wrapped.Slice(NonceSize + DataKeySize, ChunkCipher.TagSize), associatedData);
    }

    /// <returns>False when the wrapped key, or anything bound to it, was altered (or another master key sealed it).</returns>
    public static bool TryUnwrap(ReadOnlySpan<byte> wrapped, byte[] master, ReadOnlySpan<byte> associatedData, Span<byte> dataKey)
    {
        using var aes = new AesGcm(master, ChunkCipher.TagSize);
        try
        {
            aes.Decrypt(wrapped[..NonceSize], wrapped.Slice(NonceSize, DataKeySize), wrapped.Slice(NonceSize + DataKeySize, ChunkCipher.TagSize), dataKey, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
