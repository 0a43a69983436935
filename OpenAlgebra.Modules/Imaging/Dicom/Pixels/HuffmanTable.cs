namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>A Huffman decoding table from a DHT segment (ISO 10918-1 C and F.2.2.3), decoded bit by bit.</summary>
internal sealed class HuffmanTable
{
    private readonly int[] _maxCode = new int[17];
    private readonly int[] _offset = new int[17];
    private readonly byte[] _symbols;

    private HuffmanTable(ReadOnlySpan<byte> counts, byte[] symbols)
    {
        _symbols = symbols;
        var code = 0;
        var index = 0;
        for (var length = 1; length <= 16; length++)
        {
            var count = counts[length - 1];
            _offset[length] = index - code;
            code += count;
            index += count;
            _maxCode[length] = count == 0 ? -1 : code - 1;
            if (code > 1 << length)
            {
                throw Invalid($"a Huffman table has more codes of {length} bits than there are");
            }

            code <<= 1;
        }
    }

    /// <summary>Reads one table from <paramref name="segment"/>: class and id, 16 counts, the symbols.</summary>
    /// <returns>Bytes consumed.</returns>
    public static int Parse(ReadOnlySpan<byte> segment, out int tableClass, out int id, out HuffmanTable table)
    {
        if (segment.Length < 17)
        {
            throw Invalid("a Huffman table is cut short");
        }

        tableClass = segment[0] >> 4;
        id = segment[0] & 0x0F;
        var counts = segment.Slice(1, 16);
        var total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total > 256 || segment.Length < 17 + total)
        {
            throw Invalid("a Huffman table is cut short or holds more than 256 symbols");
        }

        table = new HuffmanTable(counts, segment.Slice(17, total).ToArray());
        return 17 + total;
    }

    public int Decode(ref JpegBitReader reader)
    {
        var code = 0;
        for (var length = 1; length <= 16; length++)
        {
            code = (code << 1) | reader.ReadBit();
            if (code <= _maxCode[length])
            {
                var index = _offset[length] + code;
                return (uint)index < (uint)_symbols.Length ? _symbols[index] : throw Invalid("a code points outside its Huffman table");
            }
        }

        throw Invalid("a code matches no entry of its Huffman table");
    }

    internal static DicomFormatException Invalid(string message) => new($"Lossless JPEG: {message}", DicomTags.PixelData, -1);
}
