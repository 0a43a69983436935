using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>Every label's bounding box in one pass over a mask, slices in parallel.</summary>
internal static class LabelBoxes
{
    /// <returns>256 entries indexed by label; null where the label is absent (entry 0 included: the background is not measured).</returns>
    public static BoundingBox?[] Measure(LabelMask mask, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var boxes = new BoundingBox?[256];
        var gate = new object();
        Parallel.For(0, mask.SizeZ, new ParallelOptions { CancellationToken = cancellationToken }, () => new BoundingBox?[256], (k, _, local) =>
        {
            var sliceLength = mask.SizeX * mask.SizeY;
            var slice = mask.Labels.AsSpan(k * sliceLength, sliceLength);
            for (var j = 0; j < mask.SizeY; j++)
            {
                var row = slice.Slice(j * mask.SizeX, mask.SizeX);
                for (var i = 0; i < row.Length; i++)
                {
                    int label = row[i];
                    if (label == 0)
                    {
                        continue;
                    }

                    // Extend to the row's last voxel of this label at once: runs are long in real masks.
                    var last = i;
                    while (last + 1 < row.Length && row[last + 1] == label)
                    {
                        last++;
                    }

                    var run = new BoundingBox(new VoxelIndex(i, j, k), new VoxelIndex(last, j, k));
                    local[label] = local[label] is { } box ? box.Union(run) : run;
                    i = last;
                }
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                for (var label = 1; label < 256; label++)
                {
                    if (local[label] is { } box)
                    {
                        boxes[label] = boxes[label] is { } existing ? existing.Union(box) : box;
                    }
                }
            }
        });
        return boxes;
    }
}
