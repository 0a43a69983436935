using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>The three NIfTI methods for placing voxels, their order of preference, and the RAS → LPS hand-over.</summary>
public sealed class NiftiGeometryTests : IDisposable
{
    private const double Tolerance = 1e-5;

    private static readonly SyntheticNifti Cube = new SyntheticNifti { DataType = 2, PixDim = [1, 0.5, 0.75, 2.5, 1, 1, 1, 1] }.WithComponents(new byte[8]);

    /// <summary>A rotation of 90° about z: quaternion (a, b, c, d) = (cos 45°, 0, 0, sin 45°).</summary>
    private static readonly double Half = Math.Sqrt(0.5);

    private readonly string _temp = Directory.CreateTempSubdirectory("openalgebra-nifti-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void The_sform_wins_when_sform_code_is_set_and_the_volume_gets_it_in_LPS()
    {
        var file = Cube with { SformCode = 2, QformCode = 1, Srow = [0, 0, 3, -10, 2, 0, 0, 20, 0, 1, 0, 30], Quatern = [0, 0, Half, 1, 2, 3] };

        var volume = new NiftiCodec().Read(new MemoryStream(file.Build()));

        Assert.True(volume.IjkToRas.ApproximatelyEquals(new Affine([0, 0, 3, -10, 2, 0, 0, 20, 0, 1, 0, 30]), Tolerance), volume.IjkToRas.ToString());
        Assert.True(volume.IjkToLps.ApproximatelyEquals(new Affine([0, 0, -3, 10, -2, 0, 0, -20, 0, 1, 0, 30]), Tolerance), volume.IjkToLps.ToString());
        Assert.Empty(volume.Warnings);
    }

    [Theory]
    [InlineData(1.0, 2.5)]
    [InlineData(0.0, 2.5)]
    [InlineData(-1.0, -2.5)]
    public void The_qform_applies_when_only_qform_code_is_set_with_qfac_from_pixdim0(double qfac, double kz)
    {
        var file = Cube with { QformCode = 1, SformCode = 0, Quatern = [0, 0, Half, 1, 2, 3], PixDim = [qfac, 0.5, 0.75, 2.5, 1, 1, 1, 1] };

        var volume = new NiftiCodec().Read(new MemoryStream(file.Build()));

        // 90° about z sends i to +y and j to −x; spacing scales the columns; qfac flips k.
        Assert.True(volume.IjkToRas.ApproximatelyEquals(new Affine([0, -0.75, 0, 1, 0.5, 0, 0, 2, 0, 0, kz, 3]), Tolerance), volume.IjkToRas.ToString());
    }

    [Fact]
    public void Without_sform_or_qform_method_1_scales_by_pixdim_and_warns()
    {
        var volume = new NiftiCodec().Read(new MemoryStream(Cube.Build()));

        Assert.Equal(new Affine([0.5, 0, 0, 0, 0, 0.75, 0, 0, 0, 0, 2.5, 0]), volume.IjkToRas);
        Assert.Equal([NiftiGeometry.NoPositionWarning], volume.Warnings);
    }

    [Fact]
    public void Affines_of_any_rotation_and_handedness_survive_the_quaternion()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 500; trial++)
        {
            var affine = RandomAffine(random, mirrored: trial % 2 == 1);
            var (b, c, d, qfac, dx, dy, dz) = NiftiGeometry.ToQform(affine);
            var m = affine.ToRowMajor3x4();
            var header = new NiftiHeader
            {
                Version = 1,
                DataType = 2,
                Dim = [3, 1, 1, 1, 1, 1, 1, 1],
                PixDim = [qfac, dx, dy, dz, 1, 1, 1, 1],
                QuaternB = b,
                QuaternC = c,
                QuaternD = d,
                QOffsetX = m[3],
                QOffsetY = m[7],
                QOffsetZ = m[11],
                Srow = m,
            };

            Assert.True(NiftiGeometry.Qform(header).ApproximatelyEquals(affine, 1e-9), $"{affine} → {NiftiGeometry.Qform(header)}");
        }
    }

    [Fact]
    public async Task A_qform_only_file_places_its_voxels_where_nibabel_does()
    {
        // 120° about (1, 1, 1); 180° about (1, 1, 0), where nibabel and nifti1_io differ slightly (see QformTolerance);
        // an arbitrary one. All with qfac −1.
        (double[] Quaternion, double Tolerance)[] cases =
        [
            ([0.5, 0.5, 0.5], NibabelComparison.AffineTolerance),
            ([Half, Half, 0], NibabelComparison.QformTolerance),
            ([0.1, -0.2, 0.3], NibabelComparison.AffineTolerance),
        ];
        var paths = new List<string>();
        foreach (var (q, n) in cases.Select((c, n) => (c.Quaternion, n)))
        {
            var file = Cube with { QformCode = 1, Quatern = [q[0], q[1], q[2], -12.5, 40, 7], PixDim = [-1, 0.9, 1.1, 3, 1, 1, 1, 1] };
            var path = Path.Combine(_temp, $"qform{n}.nii");
            await File.WriteAllBytesAsync(path, file.Build(), Ct);
            paths.Add(path);
        }

        foreach (var (view, tolerance) in (await Nibabel.LoadAsync(paths, Ct)).Zip(cases.Select(c => c.Tolerance)))
        {
            Assert.Null(view.Error);
            using var stream = File.OpenRead(view.Path);
            var volume = new NiftiCodec().Read(stream);
            Assert.True(volume.IjkToRas.ApproximatelyEquals(view.Affine!, tolerance), $"{view.Path}: {volume.IjkToRas} vs nibabel {view.Affine}");
        }
    }

    /// <summary>A random rotation (from a random unit quaternion), anisotropic spacing, optionally a mirror, and an offset.</summary>
    private static Affine RandomAffine(Random random, bool mirrored)
    {
        double[] q = [random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5];
        var norm = Math.Sqrt(q.Sum(v => v * v));
        var (a, b, c, d) = (q[0] / norm, q[1] / norm, q[2] / norm, q[3] / norm);
        double[] r =
        [
            (a * a) + (b * b) - (c * c) - (d * d), 2 * ((b * c) - (a * d)), 2 * ((b * d) + (a * c)),
            2 * ((b * c) + (a * d)), (a * a) + (c * c) - (b * b) - (d * d), 2 * ((c * d) - (a * b)),
            2 * ((b * d) - (a * c)), 2 * ((c * d) + (a * b)), (a * a) + (d * d) - (c * c) - (b * b),
        ];
        double[] spacing = [0.3 + (2 * random.NextDouble()), 0.3 + (2 * random.NextDouble()), (mirrored ? -1 : 1) * (0.3 + (4 * random.NextDouble()))];
        return new Affine(
        [
            r[0] * spacing[0], r[1] * spacing[1], r[2] * spacing[2], (random.NextDouble() - 0.5) * 400,
            r[3] * spacing[0], r[4] * spacing[1], r[5] * spacing[2], (random.NextDouble() - 0.5) * 400,
            r[6] * spacing[0], r[7] * spacing[1], r[8] * spacing[2], (random.NextDouble() - 0.5) * 400,
        ]);
    }
}
