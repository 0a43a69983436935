using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Tests.Inference.Metrics;

public sealed class EuclideanDistanceTransformTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_line_gets_the_squared_distance_to_its_nearest_feature_in_millimetres()
    {
        var line = new[] { 0, Inf, Inf, Inf, Inf, Inf, 0, Inf };

        EuclideanDistanceTransform.Transform(line, 8, 1, 1, (2, 1, 1), Ct);

        Assert.Equal([0, 4, 16, 36, 16, 4, 0, 4], line);
    }

    [Fact]
    public void An_anisotropic_grid_matches_the_brute_force_minimum_over_every_feature()
    {
        const int sx = 9, sy = 7, sz = 5;
        var spacing = (I: 0.7, J: 1.3, K: 2.1);
        var random = new Random(7);
        var features = Enumerable.Range(0, sx * sy * sz).Where(_ => random.NextDouble() < 0.04).ToArray();
        var field = Enumerable.Repeat(Inf, sx * sy * sz).ToArray();
        foreach (var f in features)
        {
            field[f] = 0;
        }

        EuclideanDistanceTransform.Transform(field, sx, sy, sz, spacing, Ct);

        for (var n = 0; n < field.Length; n++)
        {
            var expected = features.Min(f =>
                Square(((n % sx) - (f % sx)) * spacing.I) + Square(((n / sx % sy) - (f / sx % sy)) * spacing.J) + Square(((n / (sx * sy)) - (f / (sx * sy))) * spacing.K));
            Assert.Equal(expected, field[n], 9);
        }
    }

    [Fact]
    public void A_grid_without_features_stays_infinitely_far()
    {
        var field = Enumerable.Repeat(Inf, 4 * 3 * 2).ToArray();

        EuclideanDistanceTransform.Transform(field, 4, 3, 2, (1, 1, 1), Ct);

        Assert.All(field, d => Assert.Equal(Inf, d));
    }

    private const double Inf = double.PositiveInfinity;

    private static double Square(double x) => x * x;
}
