using OpenAlgebra.Modules.Imaging.Rendering;

namespace OpenAlgebra.Tests.Imaging.Rendering;

public sealed class Crc32Tests
{
    [Fact]
    public void The_check_value_of_CRC_32_ISO_HDLC_is_CBF43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Append(0, "123456789"u8));
        Assert.Equal(0u, Crc32.Append(0, []));
    }

    [Fact]
    public void Eight_bytes_at_a_time_agree_with_one_bit_at_a_time_for_every_length_and_split()
    {
        var data = new byte[67];
        new Random(3).NextBytes(data);
        for (var length = 0; length <= data.Length; length++)
        {
            var span = data.AsSpan(0, length);
            Assert.Equal(Bitwise(span), Crc32.Append(0, span));
            var split = length / 3;
            Assert.Equal(Bitwise(span), Crc32.Append(Crc32.Append(0, span[..split]), span[split..]));
        }
    }

    /// <summary>The definition: reflected polynomial 0xEDB88320, initial and final value all ones.</summary>
    private static uint Bitwise(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
