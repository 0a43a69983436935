using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Results;

/// <summary>BINARY segmentation pixel data: one bit per pixel, least significant bit first, frames back to back with no padding between them (PS3.5 8.1.1).</summary>
internal static class SegmentBits
{
    public static byte[] Pack(LabelMask mask, IReadOnlyList<SegmentFrame> frames)
    {
        var perFrame = (long)mask.SizeX * mask.SizeY;
        var total = ((perFrame * frames.Count) + 7) >> 3;
        var bytes = new byte[total + (total & 1)];
        if (perFrame % 8 == 0)
        {
            // Frames start on byte boundaries, so each writes only its own bytes: all cores.
            Parallel.For(0, frames.Count, f => PackFrame(mask, frames[f], bytes, f * perFrame));
        }
        else
        {
            for (var f = 0; f < frames.Count; f++)
            {
                PackFrame(mask, frames[f], bytes, f * perFrame);
            }
        }

        return bytes;
    }

    private static void PackFrame(LabelMask mask, SegmentFrame frame, byte[] bytes, long firstBit)
    {
        var perFrame = mask.SizeX * mask.SizeY;
        var labels = mask.Labels.AsSpan(frame.Slice * perFrame, perFrame);
        for (var p = 0; p < labels.Length; p++)
        {
            if (labels[p] == frame.Label)
            {
                var bit = firstBit + p;
                bytes[bit >> 3] |= (byte)(1 << (int)(bit & 7));
            }
        }
    }
}
