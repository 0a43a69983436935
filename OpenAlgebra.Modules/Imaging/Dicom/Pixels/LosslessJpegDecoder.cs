using System.Buffers.Binary;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// JPEG lossless, process 14 (ISO 10918-1 Annex H): Huffman-coded differences from one of seven predictors, with
/// point transform and restart intervals, interleaved or one scan per component. JpegLibrary decodes this process
/// too, but applies the selected predictor to the first line instead of the horizontal one H.1.2.1 prescribes, so
/// streams with predictors 2, 3, 6 and 7 (dcmtk's default is 6) came out wrong.
/// Samples go into <c>planes</c> component by component, as P-bit values in 16-bit storage.
/// </summary>
internal static class LosslessJpegDecoder
{
    public static void Decode(ReadOnlySpan<byte> data, Span<short> planes, int width, int height, int components)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw HuffmanTable.Invalid("the stream does not start with Start Of Image");
        }

        var frame = default(Frame);
        var dc = new HuffmanTable?[4];
        var restartInterval = 0;
        var position = 2;
        while (true)
        {
            var marker = NextSegment(data, position, out var start, out var length, out var next);
            var segment = data.Slice(start, length);
            switch (marker)
            {
                case 0xD9:
                    if (!frame.Seen || frame.Scanned != (1 << components) - 1)
                    {
                        throw HuffmanTable.Invalid("the stream ends before every component was scanned");
                    }

                    return;
                case 0xC3:
                    frame = ReadFrame(segment, width, height, components);
                    position = next;
                    break;
                case 0xC4:
                    for (var at = 0; at < segment.Length;)
                    {
                        at += HuffmanTable.Parse(segment[at..], out var tableClass, out var id, out var table);
                        if (tableClass != 0 || id > 3)
                        {
                            throw HuffmanTable.Invalid($"a lossless stream defines Huffman table {tableClass}/{id}");
                        }

                        dc[id] = table;
                    }

                    position = next;
                    break;
                case 0xDD:
                    restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : throw HuffmanTable.Invalid("a restart interval is cut short");
                    position = next;
                    break;
                case 0xDA:
                    if (!frame.Seen)
                    {
                        throw HuffmanTable.Invalid("a scan comes before the frame header");
                    }

                    position = Scan(data, next, segment, ref frame, dc, restartInterval, planes, width, height);
                    break;
                case >= 0xC0 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    throw HuffmanTable.Invalid($"a second frame header (SOF{marker - 0xC0}) in a lossless stream");
                default:
                    // APPn, COM, DQT, DNL…: nothing the samples depend on.
                    position = next;
                    break;
            }
        }
    }

    /// <summary>The marker at <paramref name="position"/> (after any fill bytes), its segment, and where the next one starts.</summary>
    private static byte NextSegment(ReadOnlySpan<byte> data, int position, out int start, out int length, out int next)
    {
        if (position >= data.Length || data[position] != 0xFF)
        {
            throw HuffmanTable.Invalid($"no marker at byte {position}");
        }

        while (position < data.Length && data[position] == 0xFF)
        {
            position++;
        }

        if (position >= data.Length)
        {
            throw HuffmanTable.Invalid("the stream ends inside a marker");
        }

        var marker = data[position++];
        (start, length, next) = (position, 0, position);
        if (marker is 0xD9 or (>= 0xD0 and <= 0xD7) or 0x01)
        {
            return marker;
        }

        if (position + 2 > data.Length)
        {
            throw HuffmanTable.Invalid("a marker segment is cut short");
        }

        var declared = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        if (declared < 2 || position + declared > data.Length)
        {
            throw HuffmanTable.Invalid($"a marker segment of {declared} bytes runs past the end of the stream");
        }

        (start, length, next) = (position + 2, declared - 2, position + declared);
        return marker;
    }

    private static Frame ReadFrame(ReadOnlySpan<byte> segment, int width, int height, int components)
    {
        if (segment.Length < 6 || segment.Length < 6 + (3 * segment[5]))
        {
            throw HuffmanTable.Invalid("the frame header is cut short");
        }

        var frame = new Frame
        {
            Seen = true,
            Precision = segment[0],
            Ids = new byte[segment[5]],
        };
        var lines = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        var columns = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        if (lines != height || columns != width || frame.Ids.Length != components || frame.Precision is < 2 or > 16)
        {
            throw HuffmanTable.Invalid($"the frame is {columns}×{lines}, {frame.Ids.Length} components of {frame.Precision} bits; expected {width}×{height}, {components}");
        }

        for (var c = 0; c < components; c++)
        {
            frame.Ids[c] = segment[6 + (3 * c)];
            if (segment[7 + (3 * c)] != 0x11)
            {
                throw HuffmanTable.Invalid("subsampled components are not supported in lossless streams");
            }
        }

        return frame;
    }

    /// <summary>Decodes one scan; returns the position of the marker that ends it.</summary>
    private static int Scan(
        ReadOnlySpan<byte> data, int start, ReadOnlySpan<byte> header, ref Frame frame, HuffmanTable?[] dc, int restartInterval,
        Span<short> planes, int width, int height)
    {
        var count = header.Length > 0 ? header[0] : 0;
        if (count is < 1 or > 4 || header.Length < 1 + (2 * count) + 3)
        {
            throw HuffmanTable.Invalid("the scan header is cut short");
        }

        Span<int> members = stackalloc int[count];
        var tables = new HuffmanTable[count];
        for (var s = 0; s < count; s++)
        {
            var index = Array.IndexOf(frame.Ids, header[1 + (2 * s)]);
            var table = dc[(header[2 + (2 * s)] >> 4) & 3];
            if (index < 0 || (frame.Scanned & (1 << index)) != 0 || table is null)
            {
                throw HuffmanTable.Invalid("a scan names an unknown or repeated component, or an undefined table");
            }

            members[s] = index;
            tables[s] = table;
            frame.Scanned |= 1 << index;
        }

        var predictor = header[1 + (2 * count)];
        var pointTransform = header[3 + (2 * count)] & 0x0F;
        if (predictor is < 1 or > 7 || pointTransform >= frame.Precision)
        {
            throw HuffmanTable.Invalid($"predictor {predictor} or point transform {pointTransform} is not valid");
        }

        var reader = new JpegBitReader(data, start);
        var pixels = width * height;
        var initial = 1 << (frame.Precision - pointTransform - 1);
        var untilRestart = restartInterval;
        var restartRow = 0;
        var restartColumn = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (restartInterval > 0 && untilRestart == 0)
                {
                    if (!reader.Restart())
                    {
                        throw HuffmanTable.Invalid("a restart marker is missing");
                    }

                    untilRestart = restartInterval;
                    (restartRow, restartColumn) = (y, x);
                }

                for (var s = 0; s < count; s++)
                {
                    var plane = planes.Slice(members[s] * pixels, pixels);
                    var at = (y * width) + x;
                    int prediction;
                    if (y == restartRow && x == restartColumn)
                    {
                        prediction = initial;
                    }
                    else if (y == restartRow)
                    {
                        // The first line of the scan or of a restart interval: the sample to the left.
                        prediction = (ushort)plane[at - 1];
                    }
                    else if (x == 0)
                    {
                        prediction = (ushort)plane[at - width];
                    }
                    else
                    {
                        prediction = Predict(predictor, (ushort)plane[at - 1], (ushort)plane[at - width], (ushort)plane[at - width - 1]);
                    }

                    plane[at] = (short)(prediction + Difference(ref reader, tables[s]));
                }

                untilRestart--;
            }
        }

        if (pointTransform > 0)
        {
            foreach (var member in members)
            {
                foreach (ref var sample in planes.Slice(member * pixels, pixels))
                {
                    sample = (short)(sample << pointTransform);
                }
            }
        }

        return NextMarker(data, reader.Position);
    }

    /// <summary>
    /// The marker after a scan's data: where the bit reader stopped, unless an encoder left bytes it did not need
    /// (libjpeg skips such bytes too).
    /// </summary>
    private static int NextMarker(ReadOnlySpan<byte> data, int position)
    {
        while (position + 1 < data.Length && !(data[position] == 0xFF && data[position + 1] is not (0x00 or 0xFF) and not (>= 0xD0 and <= 0xD7)))
        {
            position++;
        }

        return position;
    }

    /// <summary>Table H.1 with Ra left, Rb above, Rc above-left.</summary>
    private static int Predict(int predictor, int a, int b, int c) => predictor switch
    {
        1 => a,
        2 => b,
        3 => c,
        4 => a + b - c,
        5 => a + ((b - c) >> 1),
        6 => b + ((a - c) >> 1),
        _ => (a + b) >> 1,
    };

    /// <summary>A difference: its category (SSSS) Huffman-coded, then that many bits (H.1.2.2); category 16 is 32768.</summary>
    private static int Difference(ref JpegBitReader reader, HuffmanTable table)
    {
        var category = table.Decode(ref reader);
        if (category > 16)
        {
            throw HuffmanTable.Invalid($"difference category {category}");
        }

        if (category == 16)
        {
            return 32768;
        }

        var bits = reader.Read(category);
        return category == 0 ? 0 : bits < (1 << (category - 1)) ? bits - (1 << category) + 1 : bits;
    }

    private struct Frame
    {
        public bool Seen;
        public int Precision;
        public byte[] Ids;
        public int Scanned;
    }
}
