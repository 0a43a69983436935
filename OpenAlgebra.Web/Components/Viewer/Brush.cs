namespace OpenAlgebra.Web.Components.Viewer;

/// <summary>Which pixels a round brush covers along a pointer's path, in image pixels.</summary>
public static class Brush
{
    public const int MaxRadius = 25;

    /// <summary>
    /// The pixels within <paramref name="radius"/> of the path through <paramref name="points"/> (image pixel
    /// coordinates, fractional), sampled every half pixel so a fast stroke has no gaps; clipped to the image.
    /// </summary>
    public static IReadOnlyCollection<(int X, int Y)> Cover(IReadOnlyList<(double X, double Y)> points, int radius, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var covered = new HashSet<(int X, int Y)>();
        for (var n = 0; n < points.Count; n++)
        {
            var (x0, y0) = n == 0 ? points[0] : points[n - 1];
            var (x1, y1) = points[n];
            var steps = Math.Max(1, (int)Math.Ceiling(2 * Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0))));
            for (var s = n == 0 ? 0 : 1; s <= steps; s++)
            {
                var t = (double)s / steps;
                Stamp(covered, (int)Math.Floor(x0 + ((x1 - x0) * t)), (int)Math.Floor(y0 + ((y1 - y0) * t)), radius, width, height);
            }
        }

        return covered;
    }

    private static void Stamp(HashSet<(int X, int Y)> covered, int cx, int cy, int radius, int width, int height)
    {
        for (var dy = -radius; dy <= radius; dy++)
        {
            for (var dx = -radius; dx <= radius; dx++)
            {
                var (x, y) = (cx + dx, cy + dy);
                if ((dx * dx) + (dy * dy) <= radius * radius && (uint)x < (uint)width && (uint)y < (uint)height)
                {
                    covered.Add((x, y));
                }
            }
        }
    }
}
