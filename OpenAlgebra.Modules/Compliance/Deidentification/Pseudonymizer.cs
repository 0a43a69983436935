using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>
/// HMAC-SHA256 under the site secret, with a purpose label in front of each input so that a UID, a Patient ID and a
/// date offset computed from the same text never coincide.
/// </summary>
internal sealed class Pseudonymizer(byte[] key, string namePattern) : IPseudonymizer
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>
    /// A 2.25 UID must be the integer of a UUID (PS3.5 B.2, ISO/IEC 9834-8), so the first 128 bits of the HMAC get the
    /// version (8, custom) and variant bits of RFC 9562: 122 keyed bits remain, and the UID is at most 44 characters.
    /// </summary>
    public string Uid(string originalUid)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac("uid", originalUid.TrimEnd('\0', ' '), mac);
        mac[6] = (byte)((mac[6] & 0x0F) | 0x80);
        mac[8] = (byte)((mac[8] & 0x3F) | 0x80);
        return "2.25." + BinaryPrimitives.ReadUInt128BigEndian(mac).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>80 bits of the HMAC in base32: short enough for LO and PN, far beyond any collision at a site's scale.</summary>
    public string PatientId(string originalPatientId)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac("patient-id", originalPatientId.Trim(), mac);
        var text = new StringBuilder("OA-", 19);
        for (var bit = 0; bit < 80; bit += 5)
        {
            var index = (((mac[bit / 8] << 8) | mac[(bit / 8) + 1]) >> (11 - (bit % 8))) & 0x1F;
            text.Append(Base32Alphabet[index]);
        }

        return text.ToString();
    }

    public string PatientName(string originalPatientId) =>
        namePattern.Replace(DeidentificationOptions.PseudonymPlaceholder, PatientId(originalPatientId), StringComparison.Ordinal);

    /// <summary>Whole weeks, so that weekdays (and with them scheduling patterns) survive the shift.</summary>
    public int DateOffsetDays(string originalPatientId)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac("date-offset", originalPatientId.Trim(), mac);
        return -7 * (1 + (int)(BinaryPrimitives.ReadUInt32BigEndian(mac) % 520));
    }

    private void Mac(string purpose, string value, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetByteCount(purpose) + 1 + Encoding.UTF8.GetByteCount(value);
        Span<byte> input = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(purpose, input);
        input[written++] = 0;
        Encoding.UTF8.GetBytes(value, input[written..]);
        HMACSHA256.HashData(key, input, destination);
    }
}
