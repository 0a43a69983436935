using System.IO.Compression;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Tests.Imaging.Pixels;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Volumes;

/// <summary>A real Enhanced MR multi-frame instance (nibabel's Philips MPRAGE sample, 176 oblique frames) against nibabel.</summary>
public sealed class MultiframeSampleTests
{
    [Fact]
    public void The_Philips_enhanced_MR_builds_the_volume_nibabel_describes()
    {
        var token = TestContext.Current.CancellationToken;
        var path = Path.GetFullPath(Path.Combine(Services.NibabelFiles, "..", "..", "nicom", "tests", "data", "philips_mprage.dcm.gz"));
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var file = PixelTestFiles.Codec.Read(gzip);
        var volume = new DicomVolumeBuilder(new DicomPixelDecoder()).Build([file], token);
        var (affine, shape, positions) = NibabelGeometry.Read(path, token);

        Assert.Equal((shape[1], shape[0], shape[2]), (volume.SizeX, volume.SizeY, volume.SizeZ));
        Assert.Empty(volume.Warnings);
        for (var row = 0; row < 3; row++)
        {
            // In-plane axes as nibabel has them (up to the volume normalising the decimal cosines): it indexes
            // (row, column, slice), the volume (column, row, slice).
            Assert.Equal(affine[row][1], volume.IjkToLps[row, 0], 1e-6);
            Assert.Equal(affine[row][0], volume.IjkToLps[row, 1], 1e-6);
            // Through-plane only up to sign: nibabel 5.0 takes the first stored frame as its origin and steps along
            // column × row whichever way the frames run; here they run the other way (the second frame's x is 1 mm lower).
            Assert.Equal(Math.Abs(affine[row][2]), Math.Abs(volume.IjkToLps[row, 2]), 1e-5);
        }

        // Each slice k sits where one frame's Image Position (Patient) says, one frame per slice.
        var matched = new HashSet<int>();
        for (var k = 0; k < volume.SizeZ; k++)
        {
            var (x, y, z) = volume.IjkToLps.Apply(0, 0, k);
            var nearest = Enumerable.Range(0, positions.Length)
                .MinBy(f => Math.Abs(positions[f][0] - x) + Math.Abs(positions[f][1] - y) + Math.Abs(positions[f][2] - z));
            var distance = Math.Abs(positions[nearest][0] - x) + Math.Abs(positions[nearest][1] - y) + Math.Abs(positions[nearest][2] - z);
            Assert.True(distance < 1e-3, $"slice {k} at ({x}, {y}, {z}) is {distance} mm from the nearest frame position");
            Assert.True(matched.Add(nearest), $"slice {k} lands on frame {nearest} again");
        }

        // The sample's pixels were blanked before it was published; every frame decodes, rescaled, to zero.
        Assert.All(volume.Voxels, v => Assert.Equal(0f, v));
    }
}
