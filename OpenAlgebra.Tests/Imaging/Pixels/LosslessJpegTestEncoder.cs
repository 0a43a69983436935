namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>
/// A minimal JPEG lossless (process 14) encoder for one component, for cases dcmcjpeg cannot make: restart
/// intervals. One Huffman table gives every difference category a 5-bit code. The product only decodes.
/// </summary>
internal static class LosslessJpegTestEncoder
{
    public static byte[] Encode(ushort[] samples, int width, int height, int precision, int predictor, int restartInterval)
    {
        var output = new List<byte> { 0xFF, 0xD8 };
        Segment(output, 0xC3, [(byte)precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        var counts = new byte[16];
        counts[4] = 17;
        Segment(output, 0xC4, [0x00, .. counts, .. Enumerable.Range(0, 17).Select(c => (byte)c)]);
        if (restartInterval > 0)
        {
            Segment(output, 0xDD, [(byte)(restartInterval >> 8), (byte)restartInterval]);
        }

        Segment(output, 0xDA, [1, 1, 0x00, (byte)predictor, 0, 0]);
        var bits = new BitWriter(output);
        var restarts = 0;
        var firstRow = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var index = (y * width) + x;
                if (restartInterval > 0 && index > 0 && index % restartInterval == 0)
                {
                    bits.Flush();
                    output.AddRange([0xFF, (byte)(0xD0 + (restarts++ % 8))]);
                    firstRow = y;
                }

                int prediction = y == firstRow && x == 0 ? 1 << (precision - 1)
                    : y == firstRow ? samples[index - 1]
                    : x == 0 ? samples[index - width]
                    : Predict(predictor, samples[index - 1], samples[index - width], samples[index - width - 1]);
                var difference = (short)(samples[index] - prediction);
                var magnitude = Math.Abs((int)difference);
                var category = magnitude == 0 ? 0 : 32 - int.LeadingZeroCount(magnitude);
                bits.Write(category, 5);
                if (category is > 0 and < 16)
                {
                    bits.Write(difference < 0 ? difference + (1 << category) - 1 : difference, category);
                }
            }
        }

        bits.Flush();
        output.AddRange([0xFF, 0xD9]);
        return [.. output];
    }

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

    private static void Segment(List<byte> output, byte marker, byte[] body)
    {
        output.AddRange([0xFF, marker, (byte)((body.Length + 2) >> 8), (byte)(body.Length + 2)]);
        output.AddRange(body);
    }

    /// <summary>Most significant bit first, 0xFF stuffed with 0x00, the last byte padded with ones.</summary>
    private sealed class BitWriter(List<byte> output)
    {
        private int _buffer;
        private int _count;

        public void Write(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            output.Add((byte)_buffer);
            if (_buffer == 0xFF)
            {
                output.Add(0);
            }

            (_buffer, _count) = (0, 0);
        }
    }
}
