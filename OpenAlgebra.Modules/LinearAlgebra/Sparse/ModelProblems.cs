namespace OpenAlgebra.Modules.LinearAlgebra.Sparse;

/// <summary>
/// The standard test matrices the benchmarks and tests share: finite-difference Poisson operators (SPD, eigenvalues
/// known in closed form) and a random sparsity pattern.
/// </summary>
public static class ModelProblems
{
    /// <summary>The 5-point Laplacian on an n×n grid with Dirichlet boundaries (h = 1, so 4 on the diagonal), row-major.</summary>
    public static CsrMatrix<double> Poisson2D(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var rows = checked(n * n);
        var rowPointers = new int[rows + 1];
        var columns = new int[checked(5 * rows - 4 * n)];
        var values = new double[columns.Length];
        var k = 0;
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                var row = j * n + i;
                if (j > 0) { columns[k] = row - n; values[k++] = -1; }
                if (i > 0) { columns[k] = row - 1; values[k++] = -1; }
                columns[k] = row; values[k++] = 4;
                if (i < n - 1) { columns[k] = row + 1; values[k++] = -1; }
                if (j < n - 1) { columns[k] = row + n; values[k++] = -1; }
                rowPointers[row + 1] = k;
            }
        }
        return new CsrMatrix<double>(rows, rows, rowPointers, columns, values);
    }

    /// <summary>The 7-point Laplacian on an n×n×n grid with Dirichlet boundaries (6 on the diagonal).</summary>
    public static CsrMatrix<double> Poisson3D(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var plane = checked(n * n);
        var rows = checked(plane * n);
        var rowPointers = new int[rows + 1];
        var columns = new int[checked(7 * rows - 6 * plane)];
        var values = new double[columns.Length];
        var k = 0;
        for (var z = 0; z < n; z++)
        {
            for (var y = 0; y < n; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    var row = (z * n + y) * n + x;
                    if (z > 0) { columns[k] = row - plane; values[k++] = -1; }
                    if (y > 0) { columns[k] = row - n; values[k++] = -1; }
                    if (x > 0) { columns[k] = row - 1; values[k++] = -1; }
                    columns[k] = row; values[k++] = 6;
                    if (x < n - 1) { columns[k] = row + 1; values[k++] = -1; }
                    if (y < n - 1) { columns[k] = row + n; values[k++] = -1; }
                    if (z < n - 1) { columns[k] = row + plane; values[k++] = -1; }
                    rowPointers[row + 1] = k;
                }
            }
        }
        return new CsrMatrix<double>(rows, rows, rowPointers, columns, values);
    }

    /// <summary>
    /// An n×n matrix with about <paramref name="perRow"/> entries per row at random columns (fixed seed), values in
    /// [−1, 1), made strictly diagonally dominant so it is nonsingular: the irregular access pattern SpMV benchmarks need.
    /// </summary>
    public static CsrMatrix<double> RandomSparse(int n, int perRow, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perRow, 1);
        var random = new Random(seed);
        var rowPointers = new int[n + 1];
        var columns = new List<int>(checked(n * (perRow + 1)));
        var values = new List<double>(columns.Capacity);
        var rowColumns = new SortedSet<int>();
        for (var row = 0; row < n; row++)
        {
            rowColumns.Clear();
            rowColumns.Add(row);
            var wanted = Math.Min(n, perRow + 1);
            while (rowColumns.Count < wanted)
                rowColumns.Add(random.Next(n));
            var offDiagonalSum = 0.0;
            var diagonalAt = -1;
            foreach (var column in rowColumns)
            {
                if (column == row)
                {
                    diagonalAt = values.Count;
                    values.Add(0);
                }
                else
                {
                    var value = random.NextDouble() * 2 - 1;
                    offDiagonalSum += Math.Abs(value);
                    values.Add(value);
                }
                columns.Add(column);
            }
            values[diagonalAt] = offDiagonalSum + 1;
            rowPointers[row + 1] = columns.Count;
        }
        return new CsrMatrix<double>(n, n, rowPointers, [.. columns], [.. values]);
    }
}
