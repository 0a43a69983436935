using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.LinearAlgebra.Solvers;
using static OpenAlgebra.Tests.LinearAlgebra.Backends.DeviceVectors;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// Runs the same operations with the same inputs on two backends and compares what comes back: the reference (the
/// CPU backend) and the one under test (ILGPU on the CPU accelerator here, on CUDA in the GPU checks).
/// </summary>
internal static class BackendAgreement
{
    /// <summary>A·x, Aᵀ·x and b − A·x, each written over a vector holding NaN.</summary>
    public static void Products(ILinearAlgebraBackend reference, ILinearAlgebraBackend tested, CsrMatrix<double> a, double tolerance)
    {
        var x = SolverTestMatrices.RandomVector(a.Columns, 21);
        var xt = SolverTestMatrices.RandomVector(a.Rows, 22);
        var b = SolverTestMatrices.RandomVector(a.Rows, 23);
        var expected = Run(reference, a, x, xt, b);
        var actual = Run(tested, a, x, xt, b);
        Agreement.Vectors(expected.Product, actual.Product, tolerance, "A·x");
        Agreement.Vectors(expected.Transposed, actual.Transposed, tolerance, "Aᵀ·x");
        Agreement.Vectors(expected.Residual, actual.Residual, tolerance, "b − A·x");
    }

    /// <summary>Every vector and scalar operation a solver uses, chained as a solver chains them.</summary>
    public static void VectorOperations(ILinearAlgebraBackend reference, ILinearAlgebraBackend tested, int length, double tolerance)
    {
        var expected = RunVectorOperations(reference, length);
        var actual = RunVectorOperations(tested, length);
        Agreement.Vectors(expected.Vector, actual.Vector, tolerance, "the vector");
        var (dot, normX, normZ) = (expected.Scalars[0], expected.Scalars[1], expected.Scalars[2]);
        // ‖x‖·‖z‖ bounds Σ|xᵢzᵢ|, the size the rounding of x·z scales with, however much the terms cancel.
        Agreement.Scalars(dot, actual.Scalars[0], normX * normZ, tolerance);
        Agreement.Scalars(normX, actual.Scalars[1], normX, tolerance);
        Agreement.Scalars(normZ, actual.Scalars[2], normZ, tolerance);
    }

    private static (double[] Product, double[] Transposed, double[] Residual) Run(ILinearAlgebraBackend backend, CsrMatrix<double> a, double[] x, double[] xt, double[] b)
    {
        using var matrix = backend.Upload(a);
        using var deviceX = Upload(backend, x);
        using var deviceXt = Upload(backend, xt);
        using var deviceB = Upload(backend, b);
        using var rows = backend.Allocate(a.Rows);
        using var columns = backend.Allocate(a.Columns);

        backend.Fill(rows, double.NaN);
        backend.Multiply(matrix, deviceX, rows);
        var product = Download(backend, rows);
        backend.Fill(columns, double.NaN);
        backend.MultiplyTransposed(matrix, deviceXt, columns);
        var transposed = Download(backend, columns);
        backend.Fill(rows, double.NaN);
        backend.Residual(matrix, deviceX, deviceB, rows);
        return (product, transposed, Download(backend, rows));
    }

    private static (double[] Vector, double[] Scalars) RunVectorOperations(ILinearAlgebraBackend backend, int length)
    {
        const int Dot = 0, Norm = 1, NormZ = 2, Ratio = 3, Three = 4;
        using var x = Upload(backend, SolverTestMatrices.RandomVector(length, 31));
        using var y = Upload(backend, SolverTestMatrices.RandomVector(length, 32));
        using var z = backend.Allocate(length);
        using var s = backend.AllocateScalars(5);

        backend.Write(s, Three, 3);
        backend.Dot(x, y, s, Dot);
        backend.Norm2(y, s, Norm);
        backend.Divide(s, Ratio, Dot, Norm);
        backend.Axpy(Coefficient.Ratio(s, Dot, Norm), x, y);
        backend.Xpay(x, Coefficient.Of(s, Three).Negated(), y);
        backend.Scale(new Coefficient(0.5, s, Ratio, Three), y);
        backend.PointwiseMultiply(x, y, z);
        backend.Copy(z, x);
        backend.Axpy(Coefficient.Of(-1.5), y, x);
        backend.Dot(x, z, s, Dot);
        backend.Norm2(x, s, Norm);
        backend.Norm2(z, s, NormZ);

        var scalars = new double[3];
        backend.Read(s, scalars);
        return (Download(backend, x), scalars);
    }
}
