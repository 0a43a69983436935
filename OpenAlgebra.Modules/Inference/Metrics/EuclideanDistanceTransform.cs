namespace OpenAlgebra.Modules.Inference.Metrics;

/// <summary>
/// The exact squared Euclidean distance transform in millimetres² on an anisotropic grid (Felzenszwalb and
/// Huttenlocher 2012, "Distance Transforms of Sampled Functions"): one lower envelope of parabolas per grid line, axis
/// after axis, which is O(n) in total and exact because squared distance separates into a sum over axes.
/// </summary>
internal static class EuclideanDistanceTransform
{
    /// <summary>
    /// Replaces <paramref name="field"/> (0 at feature voxels, +∞ elsewhere, indexed <c>(k·sizeY + j)·sizeX + i</c>)
    /// with each voxel's squared distance to the nearest feature; voxels stay +∞ when there is no feature at all.
    /// </summary>
    public static void Transform(double[] field, int sizeX, int sizeY, int sizeZ, (double I, double J, double K) spacing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        if ((long)sizeX * sizeY * sizeZ != field.Length)
        {
            throw new ArgumentException($"{field.Length} values do not fill a {sizeX}×{sizeY}×{sizeZ} grid.", nameof(field));
        }

        var plane = sizeX * sizeY;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        var longest = Math.Max(sizeX, Math.Max(sizeY, sizeZ));

        // Along i: rows are contiguous, one slice per work item.
        Parallel.For(0, sizeZ, options, () => new LineScratch(longest), (k, _, scratch) =>
        {
            for (var j = 0; j < sizeY; j++)
            {
                scratch.Transform(field.AsSpan((k * plane) + (j * sizeX), sizeX), spacing.I);
            }

            return scratch;
        }, _ => { });

        // Along j: stride sizeX inside each slice.
        Parallel.For(0, sizeZ, options, () => new LineScratch(longest), (k, _, scratch) =>
        {
            for (var i = 0; i < sizeX; i++)
            {
                scratch.TransformStrided(field, (k * plane) + i, sizeX, sizeY, spacing.J);
            }

            return scratch;
        }, _ => { });

        // Along k: stride one slice, one row of columns per work item.
        Parallel.For(0, sizeY, options, () => new LineScratch(longest), (j, _, scratch) =>
        {
            for (var i = 0; i < sizeX; i++)
            {
                scratch.TransformStrided(field, (j * sizeX) + i, plane, sizeZ, spacing.K);
            }

            return scratch;
        }, _ => { });
    }

    /// <summary>One worker's buffers for the 1D transform: the line's input and output, the envelope's parabolas and their boundaries.</summary>
    private sealed class LineScratch(int length)
    {
        private readonly double[] _input = new double[length];
        private readonly double[] _output = new double[length];
        private readonly int[] _vertices = new int[length];
        private readonly double[] _boundaries = new double[length + 1];

        public void Transform(Span<double> line, double spacing)
        {
            var input = _input.AsSpan(0, line.Length);
            line.CopyTo(input);
            Transform(input, line, spacing);
        }

        public void TransformStrided(double[] field, int start, int stride, int count, double spacing)
        {
            var input = _input.AsSpan(0, count);
            for (var n = 0; n < count; n++)
            {
                input[n] = field[start + (n * stride)];
            }

            var output = _output.AsSpan(0, count);
            Transform(input, output, spacing);
            for (var n = 0; n < count; n++)
            {
                field[start + (n * stride)] = output[n];
            }
        }

        /// <summary>d(q) = min over p of f(p) + (h·(q − p))²; sites with f = +∞ never join the envelope.</summary>
        private void Transform(ReadOnlySpan<double> f, Span<double> d, double h)
        {
            var n = f.Length;
            var h2 = h * h;
            var vertices = _vertices;
            var boundaries = _boundaries;
            var count = 0;
            for (var q = 0; q < n; q++)
            {
                if (double.IsPositiveInfinity(f[q]))
                {
                    continue;
                }

                // Drop parabolas the new one hides; s is where parabola q overtakes the last kept one, in grid units.
                while (count > 0)
                {
                    var v = vertices[count - 1];
                    var s = ((f[q] + (h2 * q * q)) - (f[v] + (h2 * v * v))) / (2 * h2 * (q - v));
                    if (s > boundaries[count - 1])
                    {
                        boundaries[count] = s;
                        break;
                    }

                    count--;
                }

                if (count == 0)
                {
                    boundaries[0] = double.NegativeInfinity;
                }

                vertices[count++] = q;
            }

            if (count == 0)
            {
                f.CopyTo(d);
                return;
            }

            boundaries[count] = double.PositiveInfinity;
            var segment = 0;
            for (var q = 0; q < n; q++)
            {
                while (boundaries[segment + 1] < q)
                {
                    segment++;
                }

                var v = vertices[segment];
                var offset = q - v;
                d[q] = (h2 * offset * offset) + f[v];
            }
        }
    }
}
