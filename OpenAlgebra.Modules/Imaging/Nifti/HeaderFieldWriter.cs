using System.Buffers.Binary;
using System.Text;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Writes fixed-offset header fields, little endian: the byte order this codec writes.</summary>
internal readonly ref struct HeaderFieldWriter
{
    private readonly Span<byte> _bytes;

    public HeaderFieldWriter(Span<byte> bytes) => _bytes = bytes;

    public void UInt8(int offset, int value) => _bytes[offset] = checked((byte)value);

    public void Int16(int offset, long value) => BinaryPrimitives.WriteInt16LittleEndian(_bytes[offset..], checked((short)value));

    public void Int32(int offset, long value) => BinaryPrimitives.WriteInt32LittleEndian(_bytes[offset..], checked((int)value));

    public void Int64(int offset, long value) => BinaryPrimitives.WriteInt64LittleEndian(_bytes[offset..], value);

    public void Single(int offset, double value) => BinaryPrimitives.WriteSingleLittleEndian(_bytes[offset..], (float)value);

    public void Double(int offset, double value) => BinaryPrimitives.WriteDoubleLittleEndian(_bytes[offset..], value);

    /// <summary>Latin-1, cut to leave room for the terminating NUL; the rest of the field stays zero.</summary>
    public void Text(int offset, int length, string value)
    {
        var field = _bytes.Slice(offset, length);
        field.Clear();
        var text = value.Length < length ? value : value[..(length - 1)];
        Encoding.Latin1.GetBytes(text, field);
    }

    public void Bytes(int offset, ReadOnlySpan<byte> value) => value.CopyTo(_bytes[offset..]);

    public void Int16s(int offset, IReadOnlyList<long> values)
    {
        for (var n = 0; n < values.Count; n++)
        {
            Int16(offset + (2 * n), values[n]);
        }
    }

    public void Int64s(int offset, IReadOnlyList<long> values)
    {
        for (var n = 0; n < values.Count; n++)
        {
            Int64(offset + (8 * n), values[n]);
        }
    }

    public void Singles(int offset, IReadOnlyList<double> values)
    {
        for (var n = 0; n < values.Count; n++)
        {
            Single(offset + (4 * n), values[n]);
        }
    }

    public void Doubles(int offset, IReadOnlyList<double> values)
    {
        for (var n = 0; n < values.Count; n++)
        {
            Double(offset + (8 * n), values[n]);
        }
    }
}
