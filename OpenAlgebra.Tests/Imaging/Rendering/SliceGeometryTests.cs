using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;
using static OpenAlgebra.Tests.Imaging.Rendering.PatientDirections;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>
/// The pixel ↔ voxel map a viewer paints and reads values with is the renderer's own layout: for every plane of
/// standard, flipped and sagittal acquisitions, the voxel <see cref="SliceGeometry.ToVoxel"/> names is the voxel the
/// renderer put at that pixel, and <see cref="SliceGeometry.ToPixel"/> inverts it.
/// </summary>
public sealed class SliceGeometryTests
{
    public static TheoryData<string, SlicePlane> Cases
    {
        get
        {
            var cases = new TheoryData<string, SlicePlane>();
            foreach (var volume in new[] { "standard", "flipped", "sagittal-acquisition" })
            {
                foreach (var plane in Enum.GetValues<SlicePlane>())
                {
                    cases.Add(volume, plane);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_pixel_maps_to_the_voxel_the_renderer_shows_there_and_back(string name, SlicePlane plane)
    {
        // Values code the voxel: i + 10 j + 100 k, exact in float and distinct.
        var volume = Coded(name);
        var geometry = SliceGeometry.Of(volume, plane);
        var renderer = RenderingTestServices.Renderer;
        Assert.Equal(renderer.SliceCount(volume, plane), geometry.Count);

        for (var index = 0; index < geometry.Count; index++)
        {
            var walk = SliceWalk.Plan(volume, plane, index);
            Assert.Equal((geometry.Width, geometry.Height), (walk.Width, walk.Height));
            var shown = new float[walk.Length];
            walk.Gather<float>(volume.Voxels, shown);
            for (var y = 0; y < geometry.Height; y++)
            {
                for (var x = 0; x < geometry.Width; x++)
                {
                    var (i, j, k) = geometry.ToVoxel(index, x, y);
                    Assert.Equal(shown[(y * geometry.Width) + x], i + (10 * j) + (100 * k));
                    Assert.Equal((index, x, y), geometry.ToPixel(i, j, k));
                }
            }
        }
    }

    [Fact]
    public void Pixel_sizes_and_slice_spacing_follow_the_voxel_axes_of_the_plane()
    {
        var volume = new Volume(5, 4, 3, 1, 1, new float[60], TestVolumes.Axes(Left, Posterior, Superior, 0.5, 0.7, 2.5));

        var coronal = SliceGeometry.Of(volume, SlicePlane.Coronal);

        Assert.Equal((5, 3, 4), (coronal.Width, coronal.Height, coronal.Count));
        Assert.Equal((0.5, 2.5, 0.7), (coronal.PixelWidthMm, coronal.PixelHeightMm, coronal.SliceSpacingMm));
        Assert.Equal((5, 4, 3), coronal.GridSize);
    }

    [Fact]
    public void The_position_of_a_slice_is_its_patient_coordinate_along_the_normal()
    {
        var volume = new Volume(5, 4, 3, 1, 1, new float[60], new Affine([1, 0, 0, -10, 0, 1, 0, 20, 0, 0, -2.5, 30]));

        Assert.Equal(25, SliceGeometry.Of(volume, SlicePlane.Axial).PositionMm(2), 12);
        Assert.Equal(23, SliceGeometry.Of(volume, SlicePlane.Coronal).PositionMm(3), 12);
        Assert.Equal(-9, SliceGeometry.Of(volume, SlicePlane.Sagittal).PositionMm(1), 12);
    }

    [Fact]
    public void Positions_off_the_plane_or_the_grid_are_refused_with_the_ranges()
    {
        var geometry = SliceGeometry.Of(Coded("standard"), SlicePlane.Axial);

        var pixel = Assert.Throws<ArgumentOutOfRangeException>(() => geometry.ToVoxel(0, 5, 0));
        Assert.Contains("Pixel (5, 0) of slice 0 is outside the axial plane: slices 0 to 2 of 5×4 pixels.", pixel.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => geometry.ToVoxel(3, 0, 0));
        var voxel = Assert.Throws<ArgumentOutOfRangeException>(() => geometry.ToPixel(0, 4, 0));
        Assert.Contains("Voxel [0, 4, 0] is outside the 5×4×3 grid.", voxel.Message, StringComparison.Ordinal);
    }

    private static Volume Coded(string name)
    {
        var affine = name switch
        {
            "standard" => TestVolumes.Axes(Left, Posterior, Superior),
            "flipped" => TestVolumes.Axes(Right, Anterior, Inferior),
            "sagittal-acquisition" => TestVolumes.Axes(Posterior, Inferior, Left),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        var voxels = new float[5 * 4 * 3];
        for (var k = 0; k < 3; k++)
        {
            for (var j = 0; j < 4; j++)
            {
                for (var i = 0; i < 5; i++)
                {
                    voxels[(((k * 4) + j) * 5) + i] = i + (10 * j) + (100 * k);
                }
            }
        }

        return new Volume(5, 4, 3, 1, 1, voxels, affine);
    }
}
