namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// The entropy-coded bits of a JPEG scan (ISO 10918-1 F.2.2.5): 0xFF 0x00 is a stuffed 0xFF, any other 0xFF xx is a
/// marker that ends the segment. Past a marker or the end of the data it yields zero bits, so that a truncated stream
/// decodes to a bounded amount of garbage instead of running off the buffer.
/// </summary>
internal ref struct JpegBitReader(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private uint _bits;
    private int _count;
    private bool _atMarker;

    /// <summary>The first byte not consumed: a marker's 0xFF once the segment is exhausted.</summary>
    public int Position { get; private set; } = position;

    public int ReadBit()
    {
        Fill(1);
        _count--;
        return (int)((_bits >> _count) & 1);
    }

    /// <summary>The next <paramref name="count"/> (≤ 16) bits as an unsigned number.</summary>
    public int Read(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        Fill(count);
        _count -= count;
        return (int)((_bits >> _count) & ((1u << count) - 1));
    }

    /// <summary>Drops the bits left in the current byte and steps over the expected restart marker RSTn.</summary>
    /// <returns>False when the next marker is not a restart marker.</returns>
    public bool Restart()
    {
        _count = 0;
        _bits = 0;
        _atMarker = false;
        if (Position + 1 < _data.Length && _data[Position] == 0xFF && _data[Position + 1] is >= 0xD0 and <= 0xD7)
        {
            Position += 2;
            return true;
        }

        return false;
    }

    private void Fill(int needed)
    {
        while (_count < needed)
        {
            uint next = 0;
            if (!_atMarker && Position < _data.Length)
            {
                var b = _data[Position];
                if (b != 0xFF)
                {
                    next = b;
                    Position++;
                }
                else if (Position + 1 < _data.Length && _data[Position + 1] == 0x00)
                {
                    next = 0xFF;
                    Position += 2;
                }
                else
                {
                    _atMarker = true;
                }
            }

            _bits = (_bits << 8) | next;
            _count += 8;
        }
    }
}
