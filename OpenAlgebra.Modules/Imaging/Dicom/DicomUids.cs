using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>UIDs for objects this platform creates.</summary>
public static class DicomUids
{
    /// <summary>
    /// The same "2.25." UID for the same key, so that an object created again (a retried job) gets the UIDs it had and
    /// lands on the rows it made before. The first 128 bits of SHA-256 get RFC 9562's version (8) and variant bits, as
    /// a 2.25 UID must be the integer of a UUID (PS3.5 B.2). Keys must not be guessable from patient data: use row ids.
    /// </summary>
    public static string FromKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("openalgebra-uid\0" + key), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "2.25." + BinaryPrimitives.ReadUInt128BigEndian(hash).ToString(CultureInfo.InvariantCulture);
    }
}
