using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>
/// Rendering a 512×512 slice allocates its output and a few small objects, nothing in proportion to the slice: the
/// values, display levels and compressed data live in pooled buffers.
/// </summary>
public sealed class RenderingAllocationTests
{
    /// <summary>
    /// The objects around the output: the result records, the pooled stream and zlib's stream, deflater and handle
    /// (zlib's own state is native memory): about 130 bytes raw and 420 with PNG measured; a slice's pixels are 256 KB.
    /// </summary>
    private const long Overhead = 1024;

    private readonly ISliceRenderer _renderer = RenderingTestServices.Renderer;

    public static TheoryData<SlicePlane, int, int, int> Volumes => new()
    {
        // Each shape gives a 512×512 slice in the plane, walked differently: contiguous rows, rows a slice apart, strided.
        { SlicePlane.Axial, 512, 512, 2 },
        { SlicePlane.Coronal, 512, 2, 512 },
        { SlicePlane.Sagittal, 2, 512, 512 },
    };

    [Theory]
    [MemberData(nameof(Volumes))]
    public void A_512x512_slice_allocates_no_more_than_its_output(SlicePlane plane, int x, int y, int z)
    {
        var volume = Ct(x, y, z);
        var request = new SliceRequest(plane, 1, SliceWindow.Auto());
        using var sink = new MemoryStream(1 << 20);

        var raw = Allocated(() => _renderer.Render(volume, request).Pixels.Length);
        var png = Allocated(() => _renderer.RenderPng(volume, request).Png.Length);
        var written = Allocated(() =>
        {
            sink.SetLength(0);
            _renderer.WritePng(volume, request, sink);
            return 0;
        });

        Assert.Equal(512 * 512, raw.Output);
        Assert.True(raw.Bytes <= raw.Output + Overhead, $"raw: {raw.Bytes} bytes allocated for {raw.Output} bytes of output");
        Assert.True(png.Bytes <= png.Output + Overhead, $"PNG: {png.Bytes} bytes allocated for a {png.Output}-byte file");
        Assert.True(written.Bytes <= Overhead, $"PNG to a stream: {written.Bytes} bytes allocated");
    }

    /// <summary>
    /// Bytes this thread allocated in one call, after a warm-up that fills the pools and compiles the code. The least of
    /// three tries: a full collection in another test may trim the shared pools in between, which costs one refill.
    /// </summary>
    private static (long Bytes, int Output) Allocated(Func<int> render)
    {
        render();
        var least = long.MaxValue;
        var output = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            output = render();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return (least, output);
    }

    /// <summary>Air, a body of soft tissue and noise, so the PNG compresses as CT does.</summary>
    private static Volume Ct(int x, int y, int z)
    {
        var random = new Random(1);
        var voxels = new float[x * y * z];
        for (var n = 0; n < voxels.Length; n++)
        {
            voxels[n] = (n % 512 is > 100 and < 400 ? 40 : -1000) + random.Next(-20, 20);
        }

        return new Volume(x, y, z, 1, 1, voxels, Affine.Identity);
    }
}
