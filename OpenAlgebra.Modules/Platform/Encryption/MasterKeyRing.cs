using System.Security.Cryptography;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>The current master key and the previous ones, by id (the first 16 hex digits of the key's SHA-256).</summary>
internal sealed class MasterKeyRing
{
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public MasterKeyRing(byte[] current, IEnumerable<byte[]> previous)
    {
        CurrentId = Add(current);
        foreach (var key in previous)
        {
            Add(key);
        }
    }

    public string CurrentId { get; }

    public byte[] Current => _keys[CurrentId];

    public bool TryGet(string id, out byte[] key) => _keys.TryGetValue(id, out key!);

    /// <exception cref="InvalidOperationException">Not base64 of exactly 32 bytes; the message says which setting.</exception>
    public static byte[] Parse(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{setting} must be 32 bytes (base64 of 32 random bytes), got {key.Length}.");
    }

    public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    private string Add(byte[] key)
    {
        var id = IdOf(key);
        _keys[id] = key;
        return id;
    }
}
