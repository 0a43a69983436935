using OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

namespace OpenAlgebra.Tests.LinearAlgebra.Amg;

/// <summary>The coarsest level's direct solve, on a definite matrix and on a singular (Neumann) Laplacian.</summary>
public sealed class DenseCholeskyTests
{
    [Fact]
    public void Solves_a_symmetric_positive_definite_system()
    {
        const int n = 40;
        var random = new Random(3);
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                m[i, j] = random.NextDouble() - 0.5;
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                    a[i, j] += m[i, k] * m[j, k];
            }
            a[i, i] += 1;
        }
        var b = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();

        var x = (double[])b.Clone();
        new DenseCholesky(DenseOf.Sparse(a)).Solve(x);

        Assert.True(RelativeResidual(a, x, b) < 1e-12);
    }

    [Fact]
    public void Solves_a_consistent_singular_Laplacian_by_dropping_the_dependent_pivot()
    {
        // The path graph's Laplacian with free ends annihilates constants; b sums to zero, so A·x = b has solutions.
        const int n = 30;
        var a = new double[n, n];
        for (var i = 0; i + 1 < n; i++)
        {
            a[i, i] += 1;
            a[i + 1, i + 1] += 1;
            a[i, i + 1] = a[i + 1, i] = -1;
        }
        var b = Enumerable.Range(0, n).Select(i => Math.Cos(0.3 * i)).ToArray();
        var mean = b.Average();
        for (var i = 0; i < n; i++)
            b[i] -= mean;

        var x = (double[])b.Clone();
        new DenseCholesky(DenseOf.Sparse(a)).Solve(x);

        Assert.All(x, value => Assert.True(double.IsFinite(value)));
        Assert.True(RelativeResidual(a, x, b) < 1e-10);
    }

    private static double RelativeResidual(double[,] a, double[] x, double[] b)
    {
        double residual = 0, norm = 0;
        for (var i = 0; i < b.Length; i++)
        {
            var sum = b[i];
            for (var j = 0; j < b.Length; j++)
                sum -= a[i, j] * x[j];
            residual += sum * sum;
            norm += b[i] * b[i];
        }
        return Math.Sqrt(residual / norm);
    }
}
