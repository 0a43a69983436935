using System.Buffers;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// Re-upsamples a chroma plane that was halved horizontally (4:2:2) or in both directions (4:2:0) with IJG libjpeg's
/// "fancy" triangle filter (jdsample.c), instead of the sample repetition JpegLibrary applies: the repeated samples
/// leave visible steps at colour edges and differ from what every libjpeg-based viewer shows by tens of levels.
/// </summary>
internal static class ChromaUpsampler
{
    /// <summary>
    /// Upsamples <paramref name="plane"/> (full size, each chroma sample repeated over its
    /// <paramref name="horizontal"/> × <paramref name="vertical"/> block) in place; other factors are left repeated, as
    /// libjpeg leaves them.
    /// </summary>
    public static void Upsample(Span<short> plane, int width, int height, int horizontal, int vertical)
    {
        if (horizontal != 2 || vertical is not (1 or 2) || width < 2)
        {
            return;
        }

        var smallWidth = (width + 1) / 2;
        var smallHeight = (height + vertical - 1) / vertical;
        var rented = ArrayPool<short>.Shared.Rent(smallWidth * smallHeight);
        try
        {
            var small = rented.AsSpan(0, smallWidth * smallHeight);
            for (var v = 0; v < smallHeight; v++)
            {
                var row = plane.Slice(v * vertical * width, width);
                for (var u = 0; u < smallWidth; u++)
                {
                    small[(v * smallWidth) + u] = row[u * 2];
                }
            }

            if (vertical == 1)
            {
                for (var y = 0; y < height; y++)
                {
                    Horizontal(small.Slice(y * smallWidth, smallWidth), plane.Slice(y * width, width));
                }
            }
            else
            {
                for (var y = 0; y < height; y++)
                {
                    var v = y / 2;
                    // The nearer neighbour row: above for an even output row, below for an odd one; the edge row repeats.
                    var neighbour = Math.Clamp((y & 1) == 0 ? v - 1 : v + 1, 0, smallHeight - 1);
                    Both(small.Slice(v * smallWidth, smallWidth), small.Slice(neighbour * smallWidth, smallWidth), plane.Slice(y * width, width));
                }
            }
        }
        finally
        {
            ArrayPool<short>.Shared.Return(rented);
        }
    }

    /// <summary>h2v1_fancy_upsample: 3/4 of the nearer sample plus 1/4 of the farther, rounding alternately.</summary>
    private static void Horizontal(ReadOnlySpan<short> input, Span<short> output)
    {
        var last = input.Length - 1;
        for (var u = 0; u <= last; u++)
        {
            var here = input[u] * 3;
            var left = u == 0 ? input[u] * 4 : here + input[u - 1] + 1;
            var right = u == last ? input[u] * 4 : here + input[u + 1] + 2;
            Put(output, 2 * u, left >> 2);
            Put(output, (2 * u) + 1, right >> 2);
        }
    }

    /// <summary>h2v2_fancy_upsample: the vertical 3:1 mix first, then the horizontal one, rounding alternately.</summary>
    private static void Both(ReadOnlySpan<short> nearer, ReadOnlySpan<short> farther, Span<short> output)
    {
        var last = nearer.Length - 1;
        for (var u = 0; u <= last; u++)
        {
            var here = (nearer[u] * 3) + farther[u];
            var left = u == 0 ? here * 4 : (here * 3) + (nearer[u - 1] * 3) + farther[u - 1];
            var right = u == last ? here * 4 : (here * 3) + (nearer[u + 1] * 3) + farther[u + 1];
            Put(output, 2 * u, (left + 8) >> 4);
            Put(output, (2 * u) + 1, (right + 7) >> 4);
        }
    }

    private static void Put(Span<short> output, int x, int value)
    {
        if (x < output.Length)
        {
            output[x] = (short)value;
        }
    }
}
