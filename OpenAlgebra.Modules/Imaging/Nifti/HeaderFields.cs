using System.Buffers.Binary;
using System.Text;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Reads fixed-offset header fields in the header's byte order.</summary>
internal readonly ref struct HeaderFields
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly bool _bigEndian;

    public HeaderFields(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        _bytes = bytes;
        _bigEndian = bigEndian;
    }

    public byte UInt8(int offset) => _bytes[offset];

    public short Int16(int offset) => _bigEndian
        ? BinaryPrimitives.ReadInt16BigEndian(_bytes[offset..])
        : BinaryPrimitives.ReadInt16LittleEndian(_bytes[offset..]);

    public int Int32(int offset) => _bigEndian
        ? BinaryPrimitives.ReadInt32BigEndian(_bytes[offset..])
        : BinaryPrimitives.ReadInt32LittleEndian(_bytes[offset..]);

    public long Int64(int offset) => _bigEndian
        ? BinaryPrimitives.ReadInt64BigEndian(_bytes[offset..])
        : BinaryPrimitives.ReadInt64LittleEndian(_bytes[offset..]);

    public double Single(int offset) => _bigEndian
        ? BinaryPrimitives.ReadSingleBigEndian(_bytes[offset..])
        : BinaryPrimitives.ReadSingleLittleEndian(_bytes[offset..]);

    public double Double(int offset) => _bigEndian
        ? BinaryPrimitives.ReadDoubleBigEndian(_bytes[offset..])
        : BinaryPrimitives.ReadDoubleLittleEndian(_bytes[offset..]);

    /// <summary>A NUL-terminated text field; Latin-1 so that every byte maps to one character and back.</summary>
    public string Text(int offset, int length)
    {
        var field = _bytes.Slice(offset, length);
        var end = field.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>Bytes as text for an error message: printable ASCII as is, anything else as \xNN.</summary>
    public static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return text.ToString();
    }

    public long[] Int16s(int offset, int count)
    {
        var values = new long[count];
        for (var n = 0; n < count; n++)
        {
            values[n] = Int16(offset + (2 * n));
        }

        return values;
    }

    public long[] Int64s(int offset, int count)
    {
        var values = new long[count];
        for (var n = 0; n < count; n++)
        {
            values[n] = Int64(offset + (8 * n));
        }

        return values;
    }

    public double[] Singles(int offset, int count)
    {
        var values = new double[count];
        for (var n = 0; n < count; n++)
        {
            values[n] = Single(offset + (4 * n));
        }

        return values;
    }

    public double[] Doubles(int offset, int count)
    {
        var values = new double[count];
        for (var n = 0; n < count; n++)
        {
            values[n] = Double(offset + (8 * n));
        }

        return values;
    }
}
