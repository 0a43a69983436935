using OpenAlgebra.Modules.LinearAlgebra.IO;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Surfaces;

/// <summary>Systems as the command line and the API receive them: Matrix Market text.</summary>
internal static class SurfaceSystems
{
    public static byte[] Bytes(CsrMatrix<double> a)
    {
        using var stream = new MemoryStream();
        MatrixMarket.Write(stream, a);
        return stream.ToArray();
    }

    public static byte[] Bytes(double[] vector)
    {
        using var stream = new MemoryStream();
        MatrixMarket.WriteVector<double>(stream, vector);
        return stream.ToArray();
    }

    public static double[] Vector(byte[] text) => MatrixMarket.ReadVector<double>(new MemoryStream(text));

    /// <summary>‖b − A·x‖₂ / ‖b‖₂.</summary>
    public static double RelativeResidual(CsrMatrix<double> a, double[] x, double[] b)
    {
        var ax = new double[a.Rows];
        a.Multiply(x, ax);
        double residual = 0, norm = 0;
        for (var i = 0; i < b.Length; i++)
        {
            residual += (b[i] - ax[i]) * (b[i] - ax[i]);
            norm += b[i] * b[i];
        }

        return Math.Sqrt(residual / norm);
    }

    /// <summary>A right-hand side with no structure a solver could exploit.</summary>
    public static double[] RandomVector(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5)];
    }

    /// <summary>The matrix A = [[0, 1], [1, 0]] padded with an identity block: nonsingular, but ILU(0) meets a zero pivot in row 0.</summary>
    public static CsrMatrix<double> ZeroPivot(int n)
    {
        var rowPointers = new int[n + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (var row = 0; row < n; row++)
        {
            columns.Add(row switch { 0 => 1, 1 => 0, _ => row });
            values.Add(1);
            rowPointers[row + 1] = columns.Count;
        }

        return new CsrMatrix<double>(n, n, rowPointers, [.. columns], [.. values]);
    }
}
