using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Solvers;

/// <summary>The systems the solver tests run on, each built for the solvers meant for it.</summary>
internal static class SolverTestMatrices
{
    /// <summary>Eigenvalue (j, k) of <see cref="ModelProblems.Poisson2D"/>(n), 1 ≤ j, k ≤ n: 4 − 2cos(jπh) − 2cos(kπh), h = 1/(n+1).</summary>
    public static double LaplacianEigenvalue(int n, int j, int k)
    {
        var h = 1.0 / (n + 1);
        return 4 - 2 * Math.Cos(j * Math.PI * h) - 2 * Math.Cos(k * Math.PI * h);
    }

    /// <summary>
    /// −Δu + c·∂u/∂x on an n×n grid, upwind differences, scaled by h²: nonsymmetric, an M-matrix, with cell Péclet
    /// number c·h/2 = <paramref name="peclet"/>.
    /// </summary>
    public static CsrMatrix<double> ConvectionDiffusion(int n, double peclet)
    {
        var convection = 2 * peclet; // c·h
        var entries = new List<(int Row, int Column, double Value)>();
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                var row = j * n + i;
                if (j > 0) entries.Add((row, row - n, -1));
                if (i > 0) entries.Add((row, row - 1, -1 - convection));
                entries.Add((row, row, 4 + convection));
                if (i < n - 1) entries.Add((row, row + 1, -1));
                if (j < n - 1) entries.Add((row, row + n, -1));
            }
        }
        return FromEntries(n * n, n * n, entries);
    }

    /// <summary>
    /// The 5-point Laplacian minus σ·I, σ halfway between two eigenvalues near <paramref name="near"/>: symmetric and
    /// indefinite, with a known distance (half the gap) from singularity.
    /// </summary>
    public static (CsrMatrix<double> Matrix, double Shift) ShiftedLaplacian(int n, double near)
    {
        var eigenvalues = new List<double>();
        for (var j = 1; j <= n; j++)
        {
            for (var k = 1; k <= n; k++)
            {
                eigenvalues.Add(LaplacianEigenvalue(n, j, k));
            }
        }
        eigenvalues.Sort();
        var above = eigenvalues.FindIndex(e => e > near + 1e-9);
        var shift = (eigenvalues[above - 1] + eigenvalues[above]) / 2;
        var laplacian = ModelProblems.Poisson2D(n);
        var values = (double[])laplacian.Values.Clone();
        for (var row = 0; row < laplacian.Rows; row++)
        {
            for (var k = laplacian.RowPointers[row]; k < laplacian.RowPointers[row + 1]; k++)
            {
                if (laplacian.ColumnIndices[k] == row)
                    values[k] -= shift;
            }
        }
        return (new CsrMatrix<double>(laplacian.Rows, laplacian.Columns, laplacian.RowPointers, laplacian.ColumnIndices, values), shift);
    }

    /// <summary>Kershaw's 4×4 SPD matrix, on which incomplete Cholesky meets a negative pivot.</summary>
    public static CsrMatrix<double> Kershaw() => FromDense(new double[,]
    {
        { 3, -2, 0, 2 },
        { -2, 3, -2, 0 },
        { 0, -2, 3, -2 },
        { 2, 0, -2, 3 },
    });

    /// <summary>A tall sparse matrix with full column rank (an identity block on top) and random entries below.</summary>
    public static CsrMatrix<double> Overdetermined(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var entries = new List<(int Row, int Column, double Value)>();
        for (var row = 0; row < rows; row++)
        {
            if (row < columns)
                entries.Add((row, row, 2));
            for (var column = 0; column < columns; column++)
            {
                if (column != row && random.NextDouble() < 0.2)
                    entries.Add((row, column, random.NextDouble() * 2 - 1));
            }
        }
        return FromEntries(rows, columns, entries);
    }

    public static double[] RandomVector(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = random.NextDouble() * 2 - 1;
        }
        return values;
    }

    public static CsrMatrix<double> FromDense(double[,] dense)
    {
        var entries = new List<(int Row, int Column, double Value)>();
        for (var row = 0; row < dense.GetLength(0); row++)
        {
            for (var column = 0; column < dense.GetLength(1); column++)
            {
                if (dense[row, column] != 0)
                    entries.Add((row, column, dense[row, column]));
            }
        }
        return FromEntries(dense.GetLength(0), dense.GetLength(1), entries);
    }

    public static double[] Multiply(CsrMatrix<double> a, double[] x)
    {
        var y = new double[a.Rows];
        for (var row = 0; row < a.Rows; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                y[row] += a.Values[k] * x[a.ColumnIndices[k]];
            }
        }
        return y;
    }

    public static double Norm(IReadOnlyList<double> x) => Math.Sqrt(x.Sum(v => v * v));

    public static double RelativeResidual(CsrMatrix<double> a, double[] x, double[] b)
    {
        var ax = Multiply(a, x);
        return Norm(ax.Select((v, i) => b[i] - v).ToArray()) / Norm(b);
    }

    private static CsrMatrix<double> FromEntries(int rows, int columns, List<(int Row, int Column, double Value)> entries)
    {
        entries.Sort((p, q) => p.Row != q.Row ? p.Row.CompareTo(q.Row) : p.Column.CompareTo(q.Column));
        var pointers = new int[rows + 1];
        foreach (var entry in entries)
        {
            pointers[entry.Row + 1]++;
        }
        for (var row = 0; row < rows; row++)
        {
            pointers[row + 1] += pointers[row];
        }
        return new CsrMatrix<double>(rows, columns, pointers, [.. entries.Select(e => e.Column)], [.. entries.Select(e => e.Value)]);
    }
}
