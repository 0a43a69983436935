using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.Sparse;

public sealed class SparseSymmetryTests
{
    [Fact]
    public void Poisson_operators_are_symmetric_and_a_random_pattern_is_not()
    {
        Assert.True(ModelProblems.Poisson2D(200).IsSymmetric(0.0)); // 40 000 rows: checked in parallel
        Assert.True(ModelProblems.Poisson3D(6).HasSymmetricPattern());
        var random = ModelProblems.RandomSparse(300, 4, seed: 1);
        Assert.False(random.IsSymmetric(1e-8));
        Assert.False(random.HasSymmetricPattern());
    }

    [Fact]
    public void Round_off_within_the_tolerance_passes_and_beyond_it_fails()
    {
        var a = Matrix(2, (0, 0, 4.0), (0, 1, -1.0), (1, 0, -1 + 1e-13), (1, 1, 4.0));

        Assert.True(a.IsSymmetric(1e-12));
        Assert.False(a.IsSymmetric(1e-15));
        Assert.True(a.HasSymmetricPattern());
    }

    [Fact]
    public void An_entry_without_its_mirror_counts_against_a_zero_there()
    {
        var oneSided = Matrix(2, (0, 0, 1.0), (0, 1, 0.5));
        var storedZero = Matrix(2, (0, 0, 1.0), (0, 1, 0.0));

        Assert.False(oneSided.IsSymmetric(0.1));
        Assert.False(oneSided.HasSymmetricPattern());
        Assert.True(storedZero.IsSymmetric(0.0));
        Assert.False(storedZero.HasSymmetricPattern());
    }

    [Fact]
    public void Skew_symmetry_needs_negated_mirrors_and_a_zero_diagonal()
    {
        var skew = Matrix(3, (0, 1, 2f), (1, 0, -2f), (1, 2, -0.5f), (2, 1, 0.5f));
        var withDiagonal = Matrix(2, (0, 0, 1f), (0, 1, 2f), (1, 0, -2f));

        Assert.True(skew.IsSkewSymmetric(0f));
        Assert.False(skew.IsSymmetric(0f));
        Assert.False(withDiagonal.IsSkewSymmetric(0f));
    }

    [Fact]
    public void A_rectangular_matrix_is_not_symmetric()
    {
        var a = SparseSamples.Random<double>(3, 4, 0.0, seed: 1);

        Assert.False(a.IsSymmetric(0.0));
        Assert.False(a.HasSymmetricPattern());
    }

    private static CsrMatrix<T> Matrix<T>(int n, params (int Row, int Column, T Value)[] entries)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var coo = new CooMatrix<T>(n, n);
        foreach (var (row, column, value) in entries)
        {
            coo.Add(row, column, value);
        }

        return coo.ToCsr();
    }
}
