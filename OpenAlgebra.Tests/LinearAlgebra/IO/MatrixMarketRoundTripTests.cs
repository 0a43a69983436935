using System.Numerics;
using System.Text;
using OpenAlgebra.Modules.LinearAlgebra.IO;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Tests.LinearAlgebra.Sparse;

namespace OpenAlgebra.Tests.LinearAlgebra.IO;

public sealed class MatrixMarketRoundTripTests
{
    /// <summary>Every layout the format allows for real values: pattern has no array form and no skew form.</summary>
    public static TheoryData<MatrixMarketFormat, MatrixMarketField, MatrixMarketSymmetry> Layouts()
    {
        var layouts = new TheoryData<MatrixMarketFormat, MatrixMarketField, MatrixMarketSymmetry>();
        foreach (var format in Enum.GetValues<MatrixMarketFormat>())
        {
            foreach (var field in Enum.GetValues<MatrixMarketField>())
            {
                foreach (var symmetry in new[] { MatrixMarketSymmetry.General, MatrixMarketSymmetry.Symmetric, MatrixMarketSymmetry.SkewSymmetric })
                {
                    var pattern = field == MatrixMarketField.Pattern;
                    if (!(pattern && (format == MatrixMarketFormat.Array || symmetry == MatrixMarketSymmetry.SkewSymmetric)))
                    {
                        layouts.Add(format, field, symmetry);
                    }
                }
            }
        }

        return layouts;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_layout_reads_back_the_matrix_it_wrote(MatrixMarketFormat format, MatrixMarketField field, MatrixMarketSymmetry symmetry)
    {
        var matrix = Sample(symmetry, integers: field == MatrixMarketField.Integer);
        var options = new MatrixMarketWriteOptions { Format = format, Field = field, Symmetry = symmetry, Comment = "written by a test\nsecond line" };
        using var stream = new MemoryStream();

        MatrixMarket.Write(stream, matrix, options);
        stream.Position = 0;
        var header = MatrixMarket.ReadHeader(stream);
        stream.Position = 0;
        var read = MatrixMarket.Read<double>(stream);

        Assert.Equal((format, field, symmetry, 12, 12), (header.Format, header.Field, header.Symmetry, header.Rows, header.Columns));
        var expected = field == MatrixMarketField.Pattern
            ? new CsrMatrix<double>(12, 12, matrix.RowPointers, matrix.ColumnIndices, [.. matrix.Values.Select(_ => 1.0)])
            : matrix;
        SparseSamples.AssertSameEntries(expected, read);
    }

    [Fact]
    public void Triangles_are_what_a_symmetric_file_stores()
    {
        var matrix = Sample(MatrixMarketSymmetry.Symmetric, integers: false);
        using var stream = new MemoryStream();

        MatrixMarket.Write(stream, matrix, new MatrixMarketWriteOptions { Symmetry = MatrixMarketSymmetry.Symmetric });
        stream.Position = 0;
        var header = MatrixMarket.ReadHeader(stream);

        var lowerWithDiagonal = Enumerable.Range(0, 12).Sum(row =>
            Enumerable.Range(matrix.RowPointers[row], matrix.RowPointers[row + 1] - matrix.RowPointers[row]).Count(k => matrix.ColumnIndices[k] <= row));
        Assert.Equal(lowerWithDiagonal, header.StoredEntries);
    }

    [Fact]
    public void Reals_come_back_bit_for_bit_in_double_and_single_precision()
    {
        // Not −0: an array file's zeros are not entries, so a zero comes back as +0.
        double[] doubles = [0.1, 1.0 / 3, double.Epsilon, double.MaxValue, -double.MaxValue, 2.2250738585072009e-308, 123456789.123456789, 1e-300, Math.PI];
        float[] floats = [0.1f, 1f / 3, float.Epsilon, float.MaxValue, -float.MaxValue, 16777216f, 1.17549421e-38f, 1e-30f, MathF.PI];

        var doubleVector = RoundTripVector<double>(doubles);
        var floatVector = RoundTripVector<float>(floats);

        Assert.Equal(doubles.Select(BitConverter.DoubleToInt64Bits), doubleVector.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(floats.Select(BitConverter.SingleToInt32Bits), floatVector.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Numbers_are_written_in_the_invariant_culture_whatever_the_thread_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            using var stream = new MemoryStream();
            MatrixMarket.WriteVector<double>(stream, [1.5, -2.25e-7]);

            Assert.Equal("%%MatrixMarket matrix array real general\n2 1\n1.5\n-2.25E-07\n", Encoding.UTF8.GetString(stream.ToArray()));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Gzip_files_are_written_by_extension_and_recognised_by_their_magic_bytes()
    {
        var directory = Directory.CreateTempSubdirectory("openalgebra-mtx-");
        try
        {
            var matrix = ModelProblems.Poisson2D(30);
            var gz = Path.Combine(directory.FullName, "poisson.mtx.gz");
            var renamed = Path.Combine(directory.FullName, "poisson.mtx");

            MatrixMarket.Write(gz, matrix, new MatrixMarketWriteOptions { Symmetry = MatrixMarketSymmetry.Symmetric });
            File.Copy(gz, renamed);

            Assert.Equal([0x1F, 0x8B], File.ReadAllBytes(gz)[..2]);
            SparseSamples.AssertSameEntries(matrix, MatrixMarket.Read<double>(gz));
            SparseSamples.AssertSameEntries(matrix, MatrixMarket.Read<double>(renamed));
            using var forwardOnly = new Imaging.Nifti.ForwardOnlyStream(File.ReadAllBytes(gz));
            SparseSamples.AssertSameEntries(matrix, MatrixMarket.Read<double>(forwardOnly));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Vectors_round_trip_through_files_and_read_from_coordinate_files()
    {
        var directory = Directory.CreateTempSubdirectory("openalgebra-mtx-");
        try
        {
            var path = Path.Combine(directory.FullName, "b.mtx.gz");
            double[] b = [1, -2.5, 0, 1e-12];

            MatrixMarket.WriteVector<double>(path, b);

            Assert.Equal(b, MatrixMarket.ReadVector<double>(path));
            Assert.Equal([0f, 2, 0, -1], ReadVector<float>("%%MatrixMarket matrix coordinate real general\n4 1 2\n2 1 2\n4 1 -1\n"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Duplicate_coordinates_are_summed_and_zeros_kept_unless_dropped()
    {
        const string Text = "%%MatrixMarket matrix coordinate real general\n2 3 5\n1 1 1.5\n2 3 0\n1 1 2.5\n1 2 1\n1 2 -1\n";

        var kept = Read(Text, ExplicitZeros.Keep);
        var dropped = Read(Text, ExplicitZeros.Drop);

        Assert.Equal([0, 1, 2, 0], [.. kept.ColumnIndices, .. dropped.ColumnIndices]);
        Assert.Equal([4.0, 0, 0, 4], [.. kept.Values, .. dropped.Values]);
        Assert.Equal([0, 1, 1], dropped.RowPointers);
    }

    [Fact]
    public void Comments_blank_lines_tabs_CRLF_and_qualifier_case_are_accepted()
    {
        const string Text = "%%MatrixMarket Matrix COORDINATE Real General\r\n% a comment\r\n\r\n  2\t2  2 \r\n% between entries\r\n1 1 3\r\n\r\n 2\t2\t-4e0\r\n% trailing\r\n";

        var matrix = Read(Text, ExplicitZeros.Keep);

        Assert.Equal([3.0, -4], matrix.Values);
    }

    [Fact]
    public void A_real_hermitian_file_reads_as_symmetric()
    {
        var matrix = Read("%%MatrixMarket matrix coordinate real hermitian\n2 2 2\n1 1 2\n2 1 -1\n", ExplicitZeros.Keep);

        Assert.Equal([0, 2, 3], matrix.RowPointers);
        Assert.Equal([2.0, -1, -1], matrix.Values);
    }

    [Fact]
    public void Integer_and_pattern_files_read_into_single_precision()
    {
        var integers = MatrixMarket.Read<float>(Stream("%%MatrixMarket matrix array integer skew-symmetric\n3 3\n-7\n0\n12\n"));
        var pattern = MatrixMarket.Read<float>(Stream("%%MatrixMarket matrix coordinate pattern symmetric\n3 3 2\n3 1\n2 2\n"));

        SparseSamples.AssertEqual(
            MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 7, 0 }, { -7, 0, -12 }, { 0, 12, 0 } }),
            SparseSamples.Dense(integers),
            0);
        Assert.Equal([2, 1, 0], pattern.ColumnIndices);
        Assert.Equal([1f, 1, 1], pattern.Values);
    }

    /// <summary>12×12 with empty rows: random for general, A + Aᵀ for symmetric, A − Aᵀ for skew-symmetric.</summary>
    private static CsrMatrix<double> Sample(MatrixMarketSymmetry symmetry, bool integers)
    {
        var a = SparseSamples.Random<double>(12, 12, 0.3, seed: 42);
        if (integers)
        {
            a = new CsrMatrix<double>(12, 12, a.RowPointers, a.ColumnIndices, [.. a.Values.Select(v => Math.Round(v * 25))]);
        }

        if (symmetry == MatrixMarketSymmetry.General)
        {
            return a;
        }

        var sign = symmetry == MatrixMarketSymmetry.Symmetric ? 1.0 : -1.0;
        var coo = new CooMatrix<double>(12, 12);
        for (var row = 0; row < 12; row++)
        {
            for (var k = a.RowPointers[row]; k < a.RowPointers[row + 1]; k++)
            {
                coo.Add(row, a.ColumnIndices[k], a.Values[k]);
                coo.Add(a.ColumnIndices[k], row, sign * a.Values[k]);
            }
        }

        return coo.ToCsr(ExplicitZeros.Drop);
    }

    private static T[] RoundTripVector<T>(T[] vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        MatrixMarket.WriteVector<T>(stream, vector);
        stream.Position = 0;
        return MatrixMarket.ReadVector<T>(stream);
    }

    private static CsrMatrix<double> Read(string text, ExplicitZeros zeros) => MatrixMarket.Read<double>(Stream(text), zeros);

    private static T[] ReadVector<T>(string text) where T : unmanaged, IFloatingPointIeee754<T> => MatrixMarket.ReadVector<T>(Stream(text));

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
