using MathNet.Numerics.LinearAlgebra.Double;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.LinearAlgebra.Solvers;

namespace OpenAlgebra.Tests.LinearAlgebra.Preconditioners;

public sealed class PreconditionerTests
{
    // Every entry nonzero, so the "incomplete" factorizations have no fill to drop and must be exact.
    private static readonly double[,] DenseNonsymmetric =
    {
        { 6, 1, -2, 1 },
        { 2, 7, 1, -1 },
        { -1, 2, 8, 3 },
        { 1, -3, 2, 9 },
    };

    private static readonly double[,] DenseSpd =
    {
        { 6, 1, -2, 1 },
        { 1, 7, 1, -1 },
        { -2, 1, 8, 3 },
        { 1, -1, 3, 9 },
    };

    [Fact]
    public void ILU0_without_fill_is_the_exact_LU_factorization()
    {
        var a = SolverTestMatrices.FromDense(DenseNonsymmetric);
        using var backend = new CpuBackend();
        using var ilu = new IncompleteLu0(backend, a);
        var x = SolverTestMatrices.RandomVector(4, 1);

        AssertClose(x, Apply(backend, ilu, SolverTestMatrices.Multiply(a, x)), 1e-13);
    }

    [Fact]
    public void IC0_without_fill_is_the_exact_Cholesky_factorization()
    {
        var a = SolverTestMatrices.FromDense(DenseSpd);
        using var backend = new CpuBackend();
        using var ic = new IncompleteCholesky0(backend, a);
        var x = SolverTestMatrices.RandomVector(4, 2);

        Assert.Equal(0, ic.Shift);
        AssertClose(x, Apply(backend, ic, SolverTestMatrices.Multiply(a, x)), 1e-13);
    }

    [Fact]
    public void SSOR_applies_the_inverse_of_its_defining_product()
    {
        const double omega = 1.3;
        var a = SolverTestMatrices.FromDense(DenseNonsymmetric);
        var dense = DenseMatrix.OfArray(DenseNonsymmetric);
        var d = DenseMatrix.OfDiagonalArray(dense.Diagonal().Divide(omega).ToArray());
        var m = (d + dense.StrictlyLowerTriangle()) * d.Inverse() * (d + dense.StrictlyUpperTriangle()) * (omega / (2 - omega));
        using var backend = new CpuBackend();
        using var ssor = new SsorPreconditioner(backend, a, omega);
        var r = SolverTestMatrices.RandomVector(4, 3);

        AssertClose(m.Solve(DenseVector.OfArray(r)).ToArray(), Apply(backend, ssor, r), 1e-13);
    }

    [Fact]
    public void IC0_shifts_the_diagonal_where_Kershaws_matrix_breaks_it_and_still_preconditions_CG()
    {
        var a = SolverTestMatrices.Kershaw();
        using var backend = new CpuBackend();
        using var ic = new IncompleteCholesky0(backend, a);

        var result = Solving.Solve(a, [1.0, 2.0, 3.0, 4.0], new SolveOptions { Preconditioner = PreconditionerKind.Ic0 });

        Assert.InRange(ic.Shift, 1e-3 * 3, 3); // α·max|aᵢᵢ| with α from 10⁻³ up
        Assert.True(result.Converged, result.Reason);
        Assert.InRange(result.Iterations, 1, 4);
    }

    [Fact]
    public void IC0_of_the_Laplacian_needs_no_shift()
    {
        using var backend = new CpuBackend();
        using var ic = new IncompleteCholesky0(backend, ModelProblems.Poisson2D(10));

        Assert.Equal(0, ic.Shift);
    }

    [Fact]
    public void Jacobi_refuses_a_zero_diagonal_naming_the_row()
    {
        var a = new CsrMatrix<double>(3, 3, [0, 1, 2, 3], [0, 1, 2], [1.0, 0.0, 2.0]);
        using var backend = new CpuBackend();

        var error = Assert.Throws<ArgumentException>(() => new JacobiPreconditioner(backend, a));

        Assert.Contains("row 1's diagonal entry is zero", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PreconditionerKind.Jacobi)]
    [InlineData(PreconditionerKind.Ilu0)]
    [InlineData(PreconditionerKind.Ic0)]
    [InlineData(PreconditionerKind.Ssor)]
    public void A_row_without_a_diagonal_entry_is_named(PreconditionerKind kind)
    {
        // Row 2 stores only column 1.
        var a = new CsrMatrix<double>(3, 3, [0, 2, 4, 5], [0, 1, 0, 1, 1], [4.0, 1.0, 1.0, 4.0, 1.0]);

        var error = Assert.Throws<ArgumentException>(() =>
            Solving.Solve(a, [1.0, 1.0, 1.0], new SolveOptions { Solver = SolverKind.Gmres, Preconditioner = kind }));

        Assert.Contains("row 2 has none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ILU0_refuses_a_zero_pivot_naming_the_row()
    {
        var a = SolverTestMatrices.FromDense(new double[,] { { 1, 1 }, { 1, 1 } });
        using var backend = new CpuBackend();

        var error = Assert.Throws<ArgumentException>(() => new IncompleteLu0(backend, a));

        Assert.Contains("pivot of row 1", error.Message, StringComparison.Ordinal);
    }

    private static double[] Apply(CpuBackend backend, IPreconditioner preconditioner, double[] r)
    {
        using var dr = backend.Allocate(r.Length);
        using var dz = backend.Allocate(r.Length);
        backend.CopyToDevice(r, dr);
        preconditioner.Apply(dr, dz);
        var z = new double[r.Length];
        backend.CopyToHost(dz, z);
        return z;
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], tolerance);
        }
    }
}
