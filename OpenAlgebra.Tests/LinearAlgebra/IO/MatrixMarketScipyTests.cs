using MathNet.Numerics.LinearAlgebra;
using OpenAlgebra.Modules.LinearAlgebra.IO;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.IO;

/// <summary>Files this reader and writer exchange with SciPy, the Matrix Market implementation most users have.</summary>
public sealed class MatrixMarketScipyTests
{
    [Fact]
    public async Task SciPy_reads_what_is_written_here_and_its_files_read_here_as_it_wrote_them()
    {
        var directory = Directory.CreateTempSubdirectory("openalgebra-scipy-");
        try
        {
            var general = SparseSamples.Random<double>(17, 11, 0.3, seed: 3);
            var symmetric = ModelProblems.Poisson2D(5);
            var skew = new CsrMatrix<double>(3, 3, [0, 1, 3, 4], [1, 0, 2, 1], [0.1, -0.1, 1e-300, -1e-300]);
            var ours = new (string Name, CsrMatrix<double> Matrix, MatrixMarketWriteOptions Options)[]
            {
                ("general.mtx", general, new()),
                ("symmetric.mtx.gz", symmetric, new() { Symmetry = MatrixMarketSymmetry.Symmetric }),
                ("skew.mtx", skew, new() { Symmetry = MatrixMarketSymmetry.SkewSymmetric }),
                ("array.mtx", general, new() { Format = MatrixMarketFormat.Array }),
                ("array-symmetric.mtx", symmetric, new() { Format = MatrixMarketFormat.Array, Symmetry = MatrixMarketSymmetry.Symmetric, Field = MatrixMarketField.Integer }),
            };
            var theirs = Directory.CreateDirectory(Path.Combine(directory.FullName, "scipy")).FullName;
            foreach (var (name, matrix, options) in ours)
            {
                MatrixMarket.Write(Path.Combine(directory.FullName, name), matrix, options);
            }

            var (read, written) = await Scipy.RunAsync(theirs, [.. ours.Select(o => Path.Combine(directory.FullName, o.Name))], TestContext.Current.CancellationToken);

            for (var n = 0; n < ours.Length; n++)
            {
                // Exact: SciPy parses the shortest round-trip form to the same double.
                SparseSamples.AssertEqual(SparseSamples.Dense(ours[n].Matrix), Matrix<double>.Build.DenseOfRowArrays(read[n].Values), 0);
            }

            Assert.Equal(6, written.Count);
            foreach (var file in written)
            {
                // SciPy writes 16 significant digits, one short of what every double needs to come back exact.
                var matrix = MatrixMarket.Read<double>(file.Path);
                SparseSamples.AssertEqual(Matrix<double>.Build.DenseOfRowArrays(file.Values), SparseSamples.Dense(matrix), 1e-15);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
