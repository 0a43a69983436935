namespace OpenAlgebra.Modules.Inference.Engines.TvDenoise;

/// <summary>
/// Chambolle's projection algorithm on one 2D slice, step for step as scikit-image's <c>_denoise_tv_chambolle_nd</c>
/// computes it in float32 (τ = 1/4): out = image − div p; p ← (p − τ∇out) / (1 + τ/weight·|∇out|). Holds one worker's
/// dual field, so a worker denoises slice after slice without allocating.
/// </summary>
internal sealed class ChambolleSlice(int sizeX, int sizeY)
{
    private readonly float[] _px = new float[sizeX * sizeY];
    private readonly float[] _py = new float[sizeX * sizeY];

    /// <returns>The iterations run.</returns>
    public int Denoise(ReadOnlySpan<float> image, Span<float> output, ChambolleSettings settings, CancellationToken cancellationToken)
    {
        Array.Clear(_px);
        Array.Clear(_py);
        const float tau = 0.25f;
        var step = tau / settings.Weight;
        var stop = new ChambolleStop(settings.Eps);
        for (var iteration = 0; iteration < settings.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var energy = iteration == 0 ? Copy(image, output) : Primal(image, output);
            energy += settings.Weight * Dual(output, tau, step);
            energy /= image.Length;
            if (stop.After(energy))
            {
                return iteration + 1;
            }
        }

        return settings.MaxIterations;
    }

    private static double Copy(ReadOnlySpan<float> image, Span<float> output)
    {
        image.CopyTo(output);
        return 0;
    }

    /// <summary>out = image + d with d = −div p (backward differences, p zero before the first row and column); returns Σd².</summary>
    private double Primal(ReadOnlySpan<float> image, Span<float> output)
    {
        var px = _px;
        var py = _py;
        double sum = 0;
        for (var j = 0; j < sizeY; j++)
        {
            var row = j * sizeX;
            for (var i = 0; i < sizeX; i++)
            {
                var n = row + i;
                var d = -(px[n] + py[n]);
                if (i > 0)
                {
                    d += px[n - 1];
                }

                if (j > 0)
                {
                    d += py[n - sizeX];
                }

                output[n] = image[n] + d;
                sum += d * d;
            }
        }

        return sum;
    }

    /// <summary>The dual step from the gradient of out (forward differences, zero past the last row and column); returns Σ|∇out|.</summary>
    private double Dual(ReadOnlySpan<float> output, float tau, float step)
    {
        var px = _px;
        var py = _py;
        double sum = 0;
        for (var j = 0; j < sizeY; j++)
        {
            var row = j * sizeX;
            for (var i = 0; i < sizeX; i++)
            {
                var n = row + i;
                var gx = i < sizeX - 1 ? output[n + 1] - output[n] : 0f;
                var gy = j < sizeY - 1 ? output[n + sizeX] - output[n] : 0f;
                var norm = MathF.Sqrt((gx * gx) + (gy * gy));
                sum += norm;
                var denominator = 1f + (step * norm);
                px[n] = (px[n] - (tau * gx)) / denominator;
                py[n] = (py[n] - (tau * gy)) / denominator;
            }
        }

        return sum;
    }
}
