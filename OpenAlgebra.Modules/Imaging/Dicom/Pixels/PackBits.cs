namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>The byte-oriented run-length code of PS3.5 G.3.1 (Apple PackBits).</summary>
internal static class PackBits
{
    /// <summary>
    /// Decodes <paramref name="count"/> bytes into every <paramref name="stride"/>-th byte of <paramref name="destination"/>.
    /// Bytes left over once the count is reached (an encoder's padding) are ignored, as other readers do.
    /// </summary>
    /// <returns>False when the code ends before <paramref name="count"/> bytes.</returns>
    public static bool Decode(ReadOnlySpan<byte> source, Span<byte> destination, int stride, int count)
    {
        var written = 0;
        var at = 0;
        var position = 0;
        while (written < count)
        {
            if (at >= source.Length)
            {
                return false;
            }

            var header = (sbyte)source[at++];
            if (header >= 0)
            {
                // A literal run of header + 1 bytes.
                var run = Math.Min(header + 1, count - written);
                if (at + run > source.Length)
                {
                    return false;
                }

                var literal = source.Slice(at, run);
                at += header + 1;
                if (stride == 1)
                {
                    literal.CopyTo(destination.Slice(position, run));
                    position += run;
                }
                else
                {
                    for (var i = 0; i < run; i++, position += stride)
                    {
                        destination[position] = literal[i];
                    }
                }

                written += run;
            }
            else if (header != -128)
            {
                // One byte repeated 1 − header times; −128 is a no-op.
                if (at >= source.Length)
                {
                    return false;
                }

                var value = source[at++];
                var run = Math.Min(1 - header, count - written);
                if (stride == 1)
                {
                    destination.Slice(position, run).Fill(value);
                    position += run;
                }
                else
                {
                    for (var i = 0; i < run; i++, position += stride)
                    {
                        destination[position] = value;
                    }
                }

                written += run;
            }
        }

        return true;
    }
}
