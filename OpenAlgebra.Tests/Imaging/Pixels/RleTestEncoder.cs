using System.Buffers.Binary;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>A plain RLE Lossless encoder (PS3.5 Annex G), for round trips: the product only decodes.</summary>
internal static class RleTestEncoder
{
    /// <summary>One frame of interleaved little-endian samples → one RLE fragment.</summary>
    public static byte[] EncodeFrame(ReadOnlySpan<byte> frame, int samples, int bytesPerSample)
    {
        var pixels = frame.Length / (samples * bytesPerSample);
        var segments = new List<byte[]>();
        for (var sample = 0; sample < samples; sample++)
        {
            for (var b = 0; b < bytesPerSample; b++)
            {
                // Most significant byte first: byte (bytesPerSample − 1 − b) of each little-endian sample.
                var plane = new byte[pixels];
                for (var p = 0; p < pixels; p++)
                {
                    plane[p] = frame[(((p * samples) + sample) * bytesPerSample) + (bytesPerSample - 1 - b)];
                }

                segments.Add(PackBits(plane));
            }
        }

        var output = new byte[64 + segments.Sum(s => s.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(output, (uint)segments.Count);
        var offset = 64;
        for (var s = 0; s < segments.Count; s++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(4 + (4 * s)), (uint)offset);
            segments[s].CopyTo(output, offset);
            offset += segments[s].Length;
        }

        return output;
    }

    /// <summary>Runs of 3 or more identical bytes become replicate runs, the rest literal runs; padded to even length.</summary>
    private static byte[] PackBits(byte[] plane)
    {
        var output = new List<byte>();
        var i = 0;
        while (i < plane.Length)
        {
            var run = 1;
            while (i + run < plane.Length && run < 128 && plane[i + run] == plane[i])
            {
                run++;
            }

            if (run >= 3)
            {
                output.Add((byte)(sbyte)(1 - run));
                output.Add(plane[i]);
                i += run;
                continue;
            }

            var start = i;
            while (i < plane.Length && i - start < 128 && !(i + 2 < plane.Length && plane[i] == plane[i + 1] && plane[i] == plane[i + 2]))
            {
                i++;
            }

            output.Add((byte)(i - start - 1));
            output.AddRange(plane.AsSpan(start, i - start));
        }

        if ((output.Count & 1) == 1)
        {
            output.Add(0);
        }

        return [.. output];
    }
}
