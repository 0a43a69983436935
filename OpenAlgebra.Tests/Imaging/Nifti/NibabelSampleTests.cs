using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>nibabel's NIfTI samples read here as nibabel reads them.</summary>
public sealed class NibabelSampleTests : IDisposable
{
    /// <summary>
    /// Files nibabel reads that this codec rejects, with words the rejection must contain. A change to this list is a
    /// decision about what the platform accepts, so the test fails until the list is updated.
    /// </summary>
    private static readonly Dictionary<string, string> Rejected = new()
    {
        // CIFTI-2 dense connectivity: a NIfTI-2 container whose matrix lives in dim[5] and dim[6], not an image on a grid.
        ["row_major.dconn.nii"] = "dim[5]",
    };

    private readonly string _temp = Directory.CreateTempSubdirectory("openalgebra-nifti-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Every_NIfTI_sample_nibabel_reads_reads_here_with_the_same_shape_affine_and_voxels()
    {
        var singles = NiftiSamples.In(Services.NibabelFiles).Where(s => s.Kind == NiftiSamples.Kind.SingleFile).Select(s => s.Path).ToList();
        var views = await Nibabel.LoadAsync(singles, Ct);

        var problems = new List<string>();
        var rejected = new Dictionary<string, string>();
        var compared = 0;
        foreach (var view in views.Where(v => v.Error is null))
        {
            var name = Path.GetFileName(view.Path);
            (NiftiHeader Header, NiftiImage Image) read;
            try
            {
                using var file = File.OpenRead(view.Path);
                read = NiftiReader.ReadSingle(file);
            }
            catch (NiftiFormatException e)
            {
                rejected[name] = e.Message;
                continue;
            }

            problems.AddRange(NibabelComparison.Differences(name, view, read.Header, read.Image));
            compared++;
        }

        Assert.Empty(problems);
        Assert.True(compared >= 7, $"Only {compared} samples compared; the nibabel data directory looks incomplete.");
        Assert.Equal(Rejected.Keys.Order(StringComparer.Ordinal), rejected.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, words) in Rejected)
        {
            Assert.Contains(words, rejected[name], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pair_headers_read_with_their_img_as_nibabel_reads_them()
    {
        // nibabel ships nifti1.hdr and nifti2.hdr without their .img; an .img of the declared size stands in for it.
        var headers = NiftiSamples.In(Services.NibabelFiles).Where(s => s.Kind == NiftiSamples.Kind.PairHeader).Select(s => s.Path).ToList();
        Assert.NotEmpty(headers);
        var random = new Random(1234);
        var copies = new List<string>();
        foreach (var header in headers)
        {
            var copy = Path.Combine(_temp, Path.GetFileName(header));
            File.Copy(header, copy);
            var image = Path.ChangeExtension(copy, ".img");
            if (!File.Exists(Path.ChangeExtension(header, ".img")))
            {
                File.WriteAllBytes(image, Image(copy, random));
            }
            else
            {
                File.Copy(Path.ChangeExtension(header, ".img"), image);
            }

            copies.Add(copy);
        }

        var problems = new List<string>();
        foreach (var view in await Nibabel.LoadAsync(copies, Ct))
        {
            Assert.Null(view.Error);
            using var hdr = File.OpenRead(view.Path);
            using var img = File.OpenRead(Path.ChangeExtension(view.Path, ".img"));
            var (header, image) = NiftiReader.ReadPair(hdr, img);
            Assert.True(header.IsPair);
            problems.AddRange(NibabelComparison.Differences(Path.GetFileName(view.Path), view, header, image));
        }

        Assert.Empty(problems);
    }

    /// <summary>vox_offset bytes of padding, then random voxel bytes of the size the header declares.</summary>
    private static byte[] Image(string headerPath, Random random)
    {
        using var stream = File.OpenRead(headerPath);
        using var input = NiftiInput.Open(stream, "test");
        var header = NiftiHeaderReader.ReadFixed(input, pair: true);
        var voxels = new byte[NiftiShape.Of(header).StoredBytes];
        random.NextBytes(voxels);
        return [.. new byte[header.VoxOffset], .. voxels];
    }
}
