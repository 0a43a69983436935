namespace OpenAlgebra.Modules.Inference.Engines.TvDenoise;

/// <summary>
/// Chambolle's projection algorithm on a whole 3D grid (τ = 1/6), as scikit-image's <c>_denoise_tv_chambolle_nd</c>
/// computes it in float32. Each iteration is two passes over the slices in parallel, the primal (which reads the dual
/// field of the slice below) and then the dual (which reads the primal of the slice above); the energy sums of each
/// band of slices land in a preallocated array, so the iterations allocate nothing.
/// </summary>
internal sealed class ChambolleVolume
{
    private const float Tau = 1f / 6;
    private readonly int _sizeX, _sizeY, _sizeZ, _plane;
    private readonly float[] _px, _py, _pz;
    private readonly double[] _bandSums;
    private readonly int _bands;

    public ChambolleVolume(int sizeX, int sizeY, int sizeZ)
    {
        (_sizeX, _sizeY, _sizeZ, _plane) = (sizeX, sizeY, sizeZ, sizeX * sizeY);
        var length = checked(_plane * sizeZ);
        _px = new float[length];
        _py = new float[length];
        _pz = new float[length];
        _bands = Math.Min(sizeZ, Environment.ProcessorCount * 4);
        _bandSums = new double[_bands];
    }

    /// <returns>The iterations run.</returns>
    public int Denoise(float[] image, float[] output, ChambolleSettings settings, Action<int>? iterationDone, CancellationToken cancellationToken)
    {
        var step = Tau / settings.Weight;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Action<int> primal = band => _bandSums[band] = Primal(image, output, band);
        Action<int> dual = band => _bandSums[band] = Dual(output, step, band);
        var stop = new ChambolleStop(settings.Eps);
        for (var iteration = 0; iteration < settings.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double energy = 0;
            if (iteration == 0)
            {
                image.AsSpan().CopyTo(output);
            }
            else
            {
                Parallel.For(0, _bands, options, primal);
                energy = Sum(_bandSums);
            }

            Parallel.For(0, _bands, options, dual);
            energy = (energy + (settings.Weight * Sum(_bandSums))) / image.Length;
            iterationDone?.Invoke(iteration + 1);
            if (stop.After(energy))
            {
                return iteration + 1;
            }
        }

        return settings.MaxIterations;
    }

    private static double Sum(double[] values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    private (int First, int End) Slices(int band) => ((int)((long)_sizeZ * band / _bands), (int)((long)_sizeZ * (band + 1) / _bands));

    /// <summary>out = image + d, d = −div p over the band's slices; returns their Σd².</summary>
    private double Primal(float[] image, float[] output, int band)
    {
        var (first, end) = Slices(band);
        float[] px = _px, py = _py, pz = _pz;
        double sum = 0;
        for (var k = first; k < end; k++)
        {
            for (var j = 0; j < _sizeY; j++)
            {
                var row = (k * _plane) + (j * _sizeX);
                for (var i = 0; i < _sizeX; i++)
                {
                    var n = row + i;
                    var d = -(pz[n] + py[n] + px[n]);
                    if (k > 0)
                    {
                        d += pz[n - _plane];
                    }

                    if (j > 0)
                    {
                        d += py[n - _sizeX];
                    }

                    if (i > 0)
                    {
                        d += px[n - 1];
                    }

                    output[n] = image[n] + d;
                    sum += d * d;
                }
            }
        }

        return sum;
    }

    /// <summary>The dual step over the band's slices from the forward-difference gradient of out; returns their Σ|∇out|.</summary>
    private double Dual(float[] output, float step, int band)
    {
        var (first, end) = Slices(band);
        float[] px = _px, py = _py, pz = _pz;
        double sum = 0;
        for (var k = first; k < end; k++)
        {
            for (var j = 0; j < _sizeY; j++)
            {
                var row = (k * _plane) + (j * _sizeX);
                for (var i = 0; i < _sizeX; i++)
                {
                    var n = row + i;
                    var gz = k < _sizeZ - 1 ? output[n + _plane] - output[n] : 0f;
                    var gy = j < _sizeY - 1 ? output[n + _sizeX] - output[n] : 0f;
                    var gx = i < _sizeX - 1 ? output[n + 1] - output[n] : 0f;
                    var norm = MathF.Sqrt((gz * gz) + (gy * gy) + (gx * gx));
                    sum += norm;
                    var denominator = 1f + (step * norm);
                    pz[n] = (pz[n] - (Tau * gz)) / denominator;
                    py[n] = (py[n] - (Tau * gy)) / denominator;
                    px[n] = (px[n] - (Tau * gx)) / denominator;
                }
            }
        }

        return sum;
    }
}
