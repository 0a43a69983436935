using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>
/// Weighted 5-point graph Laplacians on a grid with some pixels held fixed (seeds, or a Dirichlet frame), restricted to
/// the free pixels: what a random walker solves, symmetric positive definite when every free region touches a seed.
/// </summary>
internal static class GridLaplacian
{
    /// <param name="weight">Weight of the edge between neighbouring pixels (x, y) and (x', y').</param>
    /// <param name="isFixed">Pixels whose value is known; their edges still count in the free neighbours' diagonals.</param>
    /// <returns>The matrix over free pixels numbered row by row, and each pixel's unknown (−1 where fixed).</returns>
    public static (CsrMatrix<double> Matrix, int[] UnknownOf) Build(
        int width, int height, Func<(int X, int Y), (int X, int Y), double> weight, Func<int, int, bool> isFixed)
    {
        var unknownOf = new int[width * height];
        var free = 0;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                unknownOf[y * width + x] = isFixed(x, y) ? -1 : free++;
        var rowPointers = new int[free + 1];
        var columns = new List<int>();
        var values = new List<double>();
        var entries = new SortedDictionary<int, double>();
        (int Dx, int Dy)[] offsets = [(0, -1), (-1, 0), (1, 0), (0, 1)];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var row = unknownOf[y * width + x];
                if (row < 0)
                    continue;
                entries.Clear();
                var degree = 0.0;
                foreach (var (dx, dy) in offsets)
                {
                    int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= width || ny >= height)
                        continue;
                    var w = weight((x, y), (nx, ny));
                    degree += w;
                    var neighbour = unknownOf[ny * width + nx];
                    if (neighbour >= 0)
                        entries[neighbour] = -w;
                }
                entries[row] = degree;
                foreach (var (column, value) in entries)
                {
                    columns.Add(column);
                    values.Add(value);
                }
                rowPointers[row + 1] = columns.Count;
            }
        }
        return (new CsrMatrix<double>(free, free, rowPointers, [.. columns], [.. values]), unknownOf);
    }

    /// <summary>−cx·∂²/∂x² − cy·∂²/∂y² on an n×n interior with a Dirichlet frame, unknowns row by row.</summary>
    public static CsrMatrix<double> Anisotropic(int n, double cx, double cy) =>
        Build(n + 2, n + 2, (p, q) => p.Y == q.Y ? cx : cy, (x, y) => x == 0 || y == 0 || x == n + 1 || y == n + 1).Matrix;

    /// <summary>
    /// A random walker's system on an n×n image with a bright disc on a dark background (a strong edge) and mild noise:
    /// weights exp(−β·(gᵢ − gⱼ)²) span many orders of magnitude across the edge. Seeds: the left column (background)
    /// and a 3×3 block at the disc's centre (foreground), so each region is anchored as in a real segmentation.
    /// </summary>
    public static RandomWalkerSystem RandomWalker(int n, double beta, int seed)
    {
        var random = new Random(seed);
        var image = new double[n * n];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                image[y * n + x] = (InDisc(n, x, y) ? 1.0 : 0.0) + 0.05 * random.NextDouble();
        var (matrix, unknownOf) = Build(n, n, (p, q) =>
        {
            var difference = image[p.Y * n + p.X] - image[q.Y * n + q.X];
            return Math.Exp(-beta * difference * difference);
        }, (x, y) => x == 0 || (Math.Abs(x - n / 2) <= 1 && Math.Abs(y - n / 2) <= 1));
        var inside = new bool[matrix.Rows];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                if (unknownOf[y * n + x] >= 0)
                    inside[unknownOf[y * n + x]] = InDisc(n, x, y);
            }
        }
        return new RandomWalkerSystem(matrix, inside);
    }

    private static bool InDisc(int n, int x, int y)
    {
        double dx = x - n / 2.0, dy = y - n / 2.0;
        return dx * dx + dy * dy < n * n / 9.0;
    }
}

/// <summary>The system and, per free unknown, whether its pixel lies inside the bright disc.</summary>
internal sealed record RandomWalkerSystem(CsrMatrix<double> Matrix, bool[] InsideDisc);
