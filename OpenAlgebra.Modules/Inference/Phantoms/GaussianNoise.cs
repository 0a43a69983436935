namespace OpenAlgebra.Modules.Inference.Phantoms;

/// <summary>
/// Deterministic Gaussian noise for phantoms: one seeded generator per slice (so slices fill in parallel and the
/// result does not depend on the thread count), normal deviates by the Box–Muller transform.
/// </summary>
internal sealed class GaussianNoise
{
    private readonly Random _random;
    private double _spare = double.NaN;

    public GaussianNoise(int seed, int slice) => _random = new Random(unchecked((seed * 1_000_003) + slice));

    public double Next()
    {
        if (!double.IsNaN(_spare))
        {
            var spare = _spare;
            _spare = double.NaN;
            return spare;
        }

        var radius = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble()));
        var angle = 2 * Math.PI * _random.NextDouble();
        _spare = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }
}
