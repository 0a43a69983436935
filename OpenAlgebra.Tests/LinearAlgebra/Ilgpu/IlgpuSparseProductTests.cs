using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.LinearAlgebra.Solvers;
using static OpenAlgebra.Tests.LinearAlgebra.Backends.DeviceVectors;

namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// A·x, Aᵀ·x and b − A·x on the ILGPU backend (CPU accelerator), with both SpMV kernels, against a plain CSR loop:
/// model problems, rectangular matrices with empty rows, and matrices without rows or columns.
/// </summary>
[Collection(CpuAcceleratorRunsAlone.Name)]
public sealed class IlgpuSparseProductTests(CpuAcceleratorBackend fixture) : IClassFixture<CpuAcceleratorBackend>
{
    private const double Tolerance = 1e-12;

    private static readonly Dictionary<string, Func<CsrMatrix<double>>> Matrices = new()
    {
        ["poisson2d-1"] = () => ModelProblems.Poisson2D(1),
        ["poisson2d-40"] = () => ModelProblems.Poisson2D(40),
        ["poisson3d-7"] = () => ModelProblems.Poisson3D(7),
        ["random-999x24"] = () => ModelProblems.RandomSparse(999, 24, 1),
        ["random-333x3"] = () => ModelProblems.RandomSparse(333, 3, 2),
        ["rectangular-with-empty-rows"] = RectangularWithEmptyRows,
        ["no-rows"] = () => new CsrMatrix<double>(0, 3, [0], [], []),
        ["no-columns"] = () => new CsrMatrix<double>(3, 0, [0, 0, 0, 0], [], []),
    };

    public static TheoryData<string, bool> Cases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var name in Matrices.Keys)
        {
            cases.Add(name, false);
            cases.Add(name, true);
        }
        return cases;
    }

    private IlgpuBackend Backend => fixture.Backend;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_overwrites_every_row_with_A_times_x(string matrix, bool warpPerRow)
    {
        var a = Matrices[matrix]();
        var x = SolverTestMatrices.RandomVector(a.Columns, 1);
        using var deviceA = Backend.Upload(a, warpPerRow ? SpmvKernel.WarpPerRow : SpmvKernel.ThreadPerRow);
        using var deviceX = Upload(Backend, x);
        using var y = Backend.Allocate(a.Rows);
        Backend.Fill(y, double.NaN);

        Backend.Multiply(deviceA, deviceX, y);

        Agreement.Vectors(Product(a, x), Download(Backend, y), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_transposed_overwrites_every_element_with_A_transposed_times_x(string matrix, bool warpPerRow)
    {
        var a = Matrices[matrix]();
        var x = SolverTestMatrices.RandomVector(a.Rows, 2);
        using var deviceA = Backend.Upload(a, warpPerRow ? SpmvKernel.WarpPerRow : SpmvKernel.ThreadPerRow);
        using var deviceX = Upload(Backend, x);
        using var y = Backend.Allocate(a.Columns);
        Backend.Fill(y, double.NaN);

        Backend.MultiplyTransposed(deviceA, deviceX, y);
        var first = Download(Backend, y);
        Backend.MultiplyTransposed(deviceA, deviceX, y);

        Agreement.Vectors(TransposedProduct(a, x), first, Tolerance);
        Assert.Equal(first, Download(Backend, y));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Residual_is_b_minus_A_times_x(string matrix, bool warpPerRow)
    {
        var a = Matrices[matrix]();
        var x = SolverTestMatrices.RandomVector(a.Columns, 3);
        var b = SolverTestMatrices.RandomVector(a.Rows, 4);
        using var deviceA = Backend.Upload(a, warpPerRow ? SpmvKernel.WarpPerRow : SpmvKernel.ThreadPerRow);
        using var deviceX = Upload(Backend, x);
        using var deviceB = Upload(Backend, b);
        using var r = Backend.Allocate(a.Rows);
        Backend.Fill(r, double.NaN);

        Backend.Residual(deviceA, deviceX, deviceB, r);

        var ax = Product(a, x);
        Agreement.Vectors(b.Select((v, i) => v - ax[i]).ToArray(), Download(Backend, r), Tolerance);
    }

    [Fact]
    public void The_kernel_follows_the_average_row_length()
    {
        using var stencil = (IlgpuMatrix)Backend.Upload(ModelProblems.Poisson3D(4));
        using var dense = (IlgpuMatrix)Backend.Upload(ModelProblems.RandomSparse(200, 20, 3));
        using var empty = (IlgpuMatrix)Backend.Upload(new CsrMatrix<double>(0, 0, [0], [], []));

        Assert.Equal(SpmvKernel.ThreadPerRow, stencil.Kernel);
        Assert.Equal(SpmvKernel.WarpPerRow, dense.Kernel);
        Assert.Equal(SpmvKernel.ThreadPerRow, empty.Kernel);
    }

    /// <summary>5×40: rows 1 and 3 empty, row 4 full (long enough for several warp strides), row 0 a single entry.</summary>
    private static CsrMatrix<double> RectangularWithEmptyRows()
    {
        var columns = new List<int> { 7, 0, 39 };
        columns.AddRange(Enumerable.Range(0, 40));
        var values = columns.Select((c, k) => 1.0 + c * 0.25 - k * 0.01).ToArray();
        return new CsrMatrix<double>(5, 40, [0, 1, 1, 3, 3, columns.Count], [.. columns], values);
    }

    private static double[] Product(CsrMatrix<double> a, double[] x)
    {
        var y = new double[a.Rows];
        for (var row = 0; row < a.Rows; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
                y[row] += a.Values[k] * x[a.ColumnIndices[k]];
        }
        return y;
    }

    private static double[] TransposedProduct(CsrMatrix<double> a, double[] x)
    {
        var y = new double[a.Columns];
        for (var row = 0; row < a.Rows; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
                y[a.ColumnIndices[k]] += a.Values[k] * x[row];
        }
        return y;
    }
}
