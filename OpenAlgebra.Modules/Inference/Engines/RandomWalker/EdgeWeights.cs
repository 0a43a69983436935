using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Inference.Engines.RandomWalker;

/// <summary>
/// scikit-image's random-walker edge weights, w = exp(−β·(ΔI/h)² / (10·σ)) + 1e-10, with I the image rescaled to
/// [0, 1] by its minimum and maximum (β's meaning then does not depend on the modality's units: scikit-image's own
/// weights are not scale-invariant), σ its standard deviation, ΔI the difference across the edge and h the spacing
/// along it. Kept as one factor per axis applied to the raw difference, so the rescaled image is never stored.
/// </summary>
internal sealed class EdgeWeights
{
    /// <summary>scikit-image adds this so no edge has weight zero and the Laplacian stays connected.</summary>
    public const double Epsilon = 1e-10;

    private EdgeWeights(double factorI, double factorJ, double factorK) => (FactorI, FactorJ, FactorK) = (factorI, factorJ, factorK);

    /// <summary>−β / (10·σ·range²·h²) along each axis: w = exp(factor · ΔI_raw²) + ε.</summary>
    public double FactorI { get; }
    public double FactorJ { get; }
    public double FactorK { get; }

    public static EdgeWeights Of(Volume volume, double beta, CancellationToken cancellationToken)
    {
        var (min, max, mean) = Range(volume.Voxels, cancellationToken);
        var range = max - min;
        if (range == 0)
        {
            // A constant image: every weight is exp(0) (scikit-image would divide 0 by its σ of 0).
            return new EdgeWeights(0, 0, 0);
        }

        var sigma = Math.Sqrt(SumOfSquares(volume.Voxels, mean, cancellationToken) / volume.Voxels.Length) / range;
        var scale = -beta / (10 * sigma * range * range);
        var (hi, hj, hk) = volume.Spacing;
        return new EdgeWeights(scale / (hi * hi), scale / (hj * hj), scale / (hk * hk));
    }

    public static double Weight(double factor, float a, float b)
    {
        double difference = a - b;
        return Math.Exp(factor * difference * difference) + Epsilon;
    }

    private static (double Min, double Max, double Mean) Range(float[] voxels, CancellationToken cancellationToken)
    {
        var gate = new object();
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, voxels.Length, 1 << 20), new ParallelOptions { CancellationToken = cancellationToken },
            range =>
            {
                var span = voxels.AsSpan(range.Item1, range.Item2 - range.Item1);
                var (low, high) = (System.Numerics.Tensors.TensorPrimitives.Min<float>(span), System.Numerics.Tensors.TensorPrimitives.Max<float>(span));
                double partial = 0;
                foreach (var v in span)
                {
                    partial += v;
                }

                lock (gate)
                {
                    (min, max, sum) = (Math.Min(min, low), Math.Max(max, high), sum + partial);
                }
            });
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new AnalysisInputException("The volume holds NaN or infinite values; random-walker needs finite voxels.");
        }

        return (min, max, sum / voxels.Length);
    }

    private static double SumOfSquares(float[] voxels, double mean, CancellationToken cancellationToken)
    {
        var gate = new object();
        double total = 0;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, voxels.Length, 1 << 20), new ParallelOptions { CancellationToken = cancellationToken },
            range =>
            {
                double partial = 0;
                for (var n = range.Item1; n < range.Item2; n++)
                {
                    var d = voxels[n] - mean;
                    partial += d * d;
                }

                lock (gate)
                {
                    total += partial;
                }
            });
        return total;
    }
}
