using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>
/// What one label covers: its voxel count and volume, the statistics of the volume's values under it (modality units:
/// HU for CT), and its bounding box. <see cref="Std"/> is the population standard deviation, as numpy's default.
/// </summary>
internal sealed record LabelStatistics(int Label, long VoxelCount, double VolumeMl, double Mean, double Std, double Min, double Max, BoundingBox Box)
{
    /// <summary>Every non-zero label present in <paramref name="mask"/>, in label order; one pass over the grid, slices in parallel.</summary>
    public static IReadOnlyList<LabelStatistics> Measure(LabelMask mask, Volume volume, CancellationToken cancellationToken = default)
    {
        MaskGeometry.RequireSameGrid(mask, volume, "mask");
        var voxelMl = MaskGeometry.VoxelVolumeMl(volume);
        var total = new Accumulator();
        var gate = new object();
        Parallel.For(0, mask.SizeZ, new ParallelOptions { CancellationToken = cancellationToken }, () => new Accumulator(), (k, _, local) =>
        {
            local.AddSlice(mask, volume, k);
            return local;
        }, local =>
        {
            lock (gate)
            {
                total.Merge(local);
            }
        });
        return total.Results(voxelMl);
    }

    /// <summary>Per-label running sums for one worker; doubles hold sums of float HU values exactly enough for any real volume.</summary>
    private sealed class Accumulator
    {
        private const int Labels = 256;
        private readonly long[] _count = new long[Labels];
        private readonly double[] _sum = new double[Labels];
        private readonly double[] _sumSquares = new double[Labels];
        private readonly float[] _min = new float[Labels];
        private readonly float[] _max = new float[Labels];
        private readonly int[] _box = new int[Labels * 6];

        public Accumulator()
        {
            Array.Fill(_min, float.PositiveInfinity);
            Array.Fill(_max, float.NegativeInfinity);
            for (var label = 0; label < Labels; label++)
            {
                _box.AsSpan(label * 6, 3).Fill(int.MaxValue);
                _box.AsSpan((label * 6) + 3, 3).Fill(int.MinValue);
            }
        }

        public void AddSlice(LabelMask mask, Volume volume, int k)
        {
            var stride = volume.Channels;
            var labels = mask.Labels;
            var voxels = volume.Voxels;
            for (var j = 0; j < mask.SizeY; j++)
            {
                var row = ((long)k * mask.SizeY + j) * mask.SizeX;
                for (var i = 0; i < mask.SizeX; i++)
                {
                    int label = labels[row + i];
                    if (label == 0)
                    {
                        continue;
                    }

                    var value = voxels[(row + i) * stride];
                    _count[label]++;
                    _sum[label] += value;
                    _sumSquares[label] += (double)value * value;
                    _min[label] = MathF.Min(_min[label], value);
                    _max[label] = MathF.Max(_max[label], value);
                    var box = _box.AsSpan(label * 6, 6);
                    box[0] = Math.Min(box[0], i);
                    box[1] = Math.Min(box[1], j);
                    box[2] = Math.Min(box[2], k);
                    box[3] = Math.Max(box[3], i);
                    box[4] = Math.Max(box[4], j);
                    box[5] = Math.Max(box[5], k);
                }
            }
        }

        public void Merge(Accumulator other)
        {
            for (var label = 1; label < Labels; label++)
            {
                _count[label] += other._count[label];
                _sum[label] += other._sum[label];
                _sumSquares[label] += other._sumSquares[label];
                _min[label] = MathF.Min(_min[label], other._min[label]);
                _max[label] = MathF.Max(_max[label], other._max[label]);
                for (var n = 0; n < 3; n++)
                {
                    _box[(label * 6) + n] = Math.Min(_box[(label * 6) + n], other._box[(label * 6) + n]);
                    _box[(label * 6) + 3 + n] = Math.Max(_box[(label * 6) + 3 + n], other._box[(label * 6) + 3 + n]);
                }
            }
        }

        public List<LabelStatistics> Results(double voxelMl)
        {
            var results = new List<LabelStatistics>();
            for (var label = 1; label < Labels; label++)
            {
                var count = _count[label];
                if (count == 0)
                {
                    continue;
                }

                var mean = _sum[label] / count;
                var variance = Math.Max(0, (_sumSquares[label] / count) - (mean * mean));
                var box = _box.AsSpan(label * 6, 6);
                results.Add(new LabelStatistics(label, count, count * voxelMl, mean, Math.Sqrt(variance), _min[label], _max[label],
                    new BoundingBox(new VoxelIndex(box[0], box[1], box[2]), new VoxelIndex(box[3], box[4], box[5]))));
            }

            return results;
        }
    }
}
