using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.Infrastructure;
using OpenAlgebra.Tests.LinearAlgebra.Solvers;
using static OpenAlgebra.Tests.LinearAlgebra.Backends.DeviceVectors;

namespace OpenAlgebra.Tests.LinearAlgebra.Backends;

public sealed class CpuBackendTests
{
    // Long enough that vector kernels and SpMV split into many partitions and use the worker team.
    private const int Large = 200_003;

    [Fact]
    public void Multiply_matches_a_plain_loop_on_a_matrix_split_into_many_row_ranges()
    {
        var a = ModelProblems.RandomSparse(100_000, 6, seed: 7);
        using var backend = new CpuBackend();
        using var matrix = backend.Upload(a);
        Assert.True(((CpuMatrix)matrix).Partitions > 8);
        var x = SolverTestMatrices.RandomVector(a.Rows, 1);

        var y = Run(backend, matrix, x, (m, dx, dy) => backend.Multiply(m, dx, dy), a.Rows, stale: 5);

        var expected = SolverTestMatrices.Multiply(a, x);
        for (var i = 0; i < y.Length; i++)
        {
            Assert.Equal(expected[i], y[i], 1e-12);
        }
    }

    [Fact]
    public void Multiply_overwrites_rows_without_entries()
    {
        // Rows 1 and 3 are empty; y starts full of stale values that must not survive.
        var a = new CsrMatrix<double>(4, 3, [0, 2, 2, 3, 3], [0, 2, 1], [1.0, 2.0, 3.0]);
        using var backend = new CpuBackend();
        using var matrix = backend.Upload(a);

        var y = Run(backend, matrix, [1.0, 2.0, 3.0], (m, dx, dy) => backend.Multiply(m, dx, dy), 4, stale: 9);

        Assert.Equal([7.0, 0.0, 6.0, 0.0], y);
    }

    [Fact]
    public void MultiplyTransposed_and_Residual_match_plain_loops_on_a_rectangular_matrix()
    {
        var a = SolverTestMatrices.Overdetermined(300, 70, seed: 3);
        using var backend = new CpuBackend();
        using var matrix = backend.Upload(a);
        var u = SolverTestMatrices.RandomVector(300, 4);
        var x = SolverTestMatrices.RandomVector(70, 5);

        var aTu = Run(backend, matrix, u, (m, du, dy) => backend.MultiplyTransposed(m, du, dy), 70, stale: 1);
        using var xs = Upload(backend, x);
        using var b = Upload(backend, u);
        using var r = backend.Allocate(300);
        backend.Residual(matrix, xs, b, r);
        var residual = new double[300];
        backend.CopyToHost(r, residual);

        var ax = SolverTestMatrices.Multiply(a, x);
        for (var column = 0; column < 70; column++)
        {
            var expected = 0.0;
            for (var row = 0; row < 300; row++)
            {
                for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
                {
                    if (a.ColumnIndices[k] == column)
                        expected += a.Values[k] * u[row];
                }
            }
            Assert.Equal(expected, aTu[column], 1e-12);
        }
        for (var row = 0; row < 300; row++)
        {
            Assert.Equal(u[row] - ax[row], residual[row], 1e-12);
        }
    }

    [Fact]
    public void Dot_and_Norm2_match_plain_sums_and_repeat_bit_for_bit_wherever_the_arrays_lie()
    {
        var x = SolverTestMatrices.RandomVector(Large, 11);
        var y = SolverTestMatrices.RandomVector(Large, 12);
        using var backend = new CpuBackend();
        using var dx = Upload(backend, x);
        using var dy = Upload(backend, y);
        using var s = backend.AllocateScalars(3);

        backend.Dot(dx, dy, s, 0);
        backend.Norm2(dx, s, 1);
        var dot = backend.Read(s, 0);
        Assert.Equal(x.Zip(y, (p, q) => p * q).Sum(), dot, 1e-10);
        Assert.Equal(Math.Sqrt(x.Sum(p => p * p)), backend.Read(s, 1), 1e-10);

        // Fresh arrays land at other addresses (other alignments); the partitions and the order of additions stay put.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            _ = new byte[8 * attempt + 8];
            using var ex = Upload(backend, x);
            using var ey = Upload(backend, y);
            backend.Dot(ex, ey, s, 2);
            Assert.Equal(BitConverter.DoubleToInt64Bits(dot), BitConverter.DoubleToInt64Bits(backend.Read(s, 2)));
        }
    }

    [Fact]
    public void Backends_on_several_threads_share_the_workers_without_changing_a_bit()
    {
        var x = SolverTestMatrices.RandomVector(Large, 31);
        var a = ModelProblems.Poisson2D(300);
        var p = SolverTestMatrices.RandomVector(a.Rows, 32);
        var expectedDot = Dot(x);
        var expectedProduct = SpMV(a, p);

        // Each thread's kernels run on the team or, while another thread holds it, on the calling thread alone.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var round = 0; round < 15; round++)
            {
                Assert.Equal(expectedDot, Dot(x));
                Assert.Equal(expectedProduct, SpMV(a, p));
            }
        });

        static double Dot(double[] values)
        {
            using var backend = new CpuBackend();
            using var v = Upload(backend, values);
            using var s = backend.AllocateScalars(1);
            backend.Dot(v, v, s, 0);
            return backend.Read(s, 0);
        }

        static double[] SpMV(CsrMatrix<double> matrix, double[] values)
        {
            using var backend = new CpuBackend();
            using var m = backend.Upload(matrix);
            using var v = Upload(backend, values);
            using var y = backend.Allocate(matrix.Rows);
            backend.Multiply(m, v, y);
            return Download(backend, y);
        }
    }

    [Fact]
    public void Vector_updates_use_coefficients_evaluated_from_scalar_slots()
    {
        var x = SolverTestMatrices.RandomVector(Large, 21);
        var y = SolverTestMatrices.RandomVector(Large, 22);
        using var backend = new CpuBackend();
        using var dx = Upload(backend, x);
        using var dy = Upload(backend, y);
        using var dz = backend.Allocate(Large);
        using var s = backend.AllocateScalars(4);
        backend.Write(s, 0, 3);
        backend.Write(s, 1, 4);
        backend.Divide(s, 2, 0, 1);
        var ratio = Coefficient.Ratio(s, 0, 1).Times(2); // 2·3/4

        backend.Axpy(ratio, dx, dy); // y += 1.5·x
        var afterAxpy = Download(backend, dy);
        backend.Xpay(dx, ratio.Negated(), dy); // y = x − 1.5·y
        var afterXpay = Download(backend, dy);
        backend.Scale(new Coefficient(1, s, Coefficient.None, 1), dy); // y /= 4
        var afterScale = Download(backend, dy);
        backend.PointwiseMultiply(dx, dy, dz);
        var product = Download(backend, dz);
        backend.Copy(dz, dy);
        backend.Fill(dz, -2);

        Assert.Equal(0.75, backend.Read(s, 2));
        var slots = new double[3];
        backend.Read(s, slots);
        Assert.Equal([3.0, 4.0, 0.75], slots);
        for (var i = 0; i < Large; i++)
        {
            var axpy = y[i] + 1.5 * x[i];
            var xpay = x[i] - 1.5 * axpy;
            Assert.Equal(axpy, afterAxpy[i], 1e-14);
            Assert.Equal(xpay, afterXpay[i], 1e-14);
            Assert.Equal(xpay / 4, afterScale[i], 1e-14);
            Assert.Equal(x[i] * afterScale[i], product[i], 1e-14);
        }
        Assert.Equal(product, Download(backend, dy));
        Assert.All(Download(backend, dz), v => Assert.Equal(-2, v));
    }

    [Fact]
    public void A_solver_iteration_allocates_nothing()
    {
        var a = ModelProblems.Poisson2D(450); // 202 500 rows: parallel SpMV and vector kernels
        using var backend = new CpuBackend();
        using var matrix = backend.Upload(a);
        using var x = backend.Allocate(a.Rows);
        using var p = backend.Allocate(a.Rows);
        using var q = backend.Allocate(a.Rows);
        using var s = backend.AllocateScalars(3);
        var host = new double[3];
        backend.Fill(p, 1);
        backend.Fill(x, 0);

        void Iteration()
        {
            backend.Multiply(matrix, p, q);
            backend.Dot(p, q, s, 0);
            backend.Norm2(q, s, 1);
            backend.Divide(s, 2, 1, 0);
            backend.Axpy(Coefficient.Ratio(s, 1, 0), p, x);
            backend.Xpay(q, Coefficient.Of(s, 2).Times(1e-3), p);
            backend.Scale(Coefficient.Of(0.5), p);
            backend.PointwiseMultiply(p, q, x);
            backend.Residual(matrix, x, q, p);
            backend.Copy(q, p);
            backend.Read(s, host);
        }

        Iteration();
        Assert.Equal(0, ThreadAllocations.Fewest(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                Iteration();
            }
        }));
    }

    [Fact]
    public void Device_names_the_cores_and_the_vector_width()
    {
        using var backend = new CpuBackend();

        Assert.Equal("cpu", backend.Name);
        Assert.StartsWith($"{Environment.ProcessorCount} cores, {System.Numerics.Vector<double>.Count * 64}-bit vectors", backend.Device);
    }

    [Fact]
    public void Operands_of_the_wrong_length_are_refused_by_name()
    {
        using var backend = new CpuBackend();
        using var matrix = backend.Upload(ModelProblems.Poisson2D(3));
        using var x = backend.Allocate(9);
        using var y = backend.Allocate(8);

        var error = Assert.Throws<ArgumentException>(() => backend.Multiply(matrix, x, y));

        Assert.Equal("y", error.ParamName);
        Assert.Contains("length 8 where 9", error.Message, StringComparison.Ordinal);
    }

    private static double[] Run(
        CpuBackend backend, IDeviceMatrix matrix, double[] input, Action<IDeviceMatrix, IDeviceVector, IDeviceVector> operation, int outputLength, double stale)
    {
        using var x = Upload(backend, input);
        using var y = backend.Allocate(outputLength);
        backend.Fill(y, stale);
        operation(matrix, x, y);
        return Download(backend, y);
    }
}
