using System.Security.Cryptography;
using System.Text;

namespace OpenAlgebra.Modules.Imaging.Index;

/// <summary>
/// Where an instance's object lives: <c>instances/&lt;h1&gt;/&lt;h2&gt;/&lt;SOP Instance UID&gt;</c>, h1 and h2 the first two
/// bytes of the UID's SHA-256 in hex. One flat folder of every instance made each new file's creation (and the folder's
/// flush) cost more as the store grew; 65,536 folders keep each one small, as Orthanc's layout does. The index stores each
/// row's key, so objects written under the older flat key (<c>instances/&lt;uid&gt;</c>) are still found.
/// </summary>
internal static class InstanceObjectKey
{
    /// <summary>Above every instance's object, whichever layout wrote it (the start-up sweep lists it).</summary>
    public const string Prefix = "instances/";

    public static string For(string sopInstanceUid)
    {
        ArgumentException.ThrowIfNullOrEmpty(sopInstanceUid);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(sopInstanceUid), hash);
        return $"{Prefix}{hash[0]:x2}/{hash[1]:x2}/{sopInstanceUid}";
    }
}
