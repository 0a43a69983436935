using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Tests.Imaging.Nifti;
using OpenAlgebra.Tests.Imaging.Volumes;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Api;

/// <summary>
/// nibabel's sample files uploaded through <c>POST /api/studies</c> on both profiles: what is stored keeps the
/// geometry nibabel sees, the series reads back as nibabel's data, and uploading the same files again stores nothing.
/// </summary>
public sealed class NibabelUploadTests
{
    /// <summary>CIFTI-2 (a matrix, not an image on a grid): refused, as NibabelSampleTests decides.</summary>
    private const string Unsupported = "row_major.dconn.nii";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ProfileApp.Profiles), MemberType = typeof(ProfileApp))]
    public async Task NIfTI_samples_keep_nibabels_affine_and_voxels_and_uploading_them_again_stores_nothing(string profile)
    {
        var samples = NiftiSamples.In(Services.NibabelFiles).Where(s => s.Kind == NiftiSamples.Kind.SingleFile).Select(s => s.Path).ToList();
        var views = await Nibabel.LoadAsync(samples, Ct);
        await using var app = await ProfileApp.CreateAsync(profile);
        var clinician = await app.App.ClinicianAsync();

        var seriesOf = new Dictionary<string, string>();
        foreach (var path in samples)
        {
            var (status, body) = await UploadAsync(clinician, path);
            if (Path.GetFileName(path) == Unsupported)
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
                Assert.Contains("dim[5]", body.GetProperty("rejected")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
                continue;
            }

            Assert.True(status == HttpStatusCode.Created, $"{path}: {status} {body}");
            var series = Assert.Single(Assert.Single(body.GetProperty("studies").EnumerateArray()).GetProperty("series").EnumerateArray());
            Assert.Equal(("MR", 1), (series.GetProperty("modality").GetString(), series.GetProperty("instances").GetInt32()));
            seriesOf[path] = series.GetProperty("id").GetString()!;
        }

        Assert.True(seriesOf.Count >= 7, $"Only {seriesOf.Count} samples uploaded; the nibabel data directory looks incomplete.");
        var volumes = app.App.Services.GetRequiredService<ISeriesVolumes>();
        var problems = new List<string>();
        foreach (var view in views.Where(v => seriesOf.ContainsKey(v.Path)))
        {
            var name = Path.GetFileName(view.Path);
            var geometry = (await clinician.GetFromJsonAsync<JsonElement>($"/api/series/{seriesOf[view.Path]}", Ct)).GetProperty("geometry");
            var served = new Affine([.. geometry.GetProperty("ijkToRas").EnumerateArray().Select(v => v.GetDouble())]);
            if (view.Affine is null || !served.ApproximatelyEquals(view.Affine, NibabelComparison.AffineTolerance))
            {
                problems.Add($"{name}: GET /api/series gives the affine {served}, nibabel {view.Affine}");
            }

            problems.AddRange(NibabelComparison.VolumeDifferences(name, view, (await volumes.GetAsync(seriesOf[view.Path], Ct))!));
        }

        Assert.Empty(problems);
        await AssertUploadingAgainStoresNothingAsync(app, clinician, seriesOf.Keys.Select(p => new[] { p }));
    }

    [Theory]
    [MemberData(nameof(ProfileApp.Profiles), MemberType = typeof(ProfileApp))]
    public async Task The_DICOM_pair_becomes_one_series_where_nibabel_puts_each_slice_and_uploading_it_again_stores_nothing(string profile)
    {
        // Given out of order on purpose: the volume is sorted along the slice normal.
        string[] files = [Path.Combine(Services.NibabelFiles, "1.dcm"), Path.Combine(Services.NibabelFiles, "0.dcm")];
        var slices = NibabelDicomSlices.Read(files, Ct);
        await using var app = await ProfileApp.CreateAsync(profile);
        var clinician = await app.App.ClinicianAsync();

        var (status, body) = await UploadAsync(clinician, files);

        Assert.True(status == HttpStatusCode.Created, $"{status} {body}");
        var series = Assert.Single(Assert.Single(body.GetProperty("studies").EnumerateArray()).GetProperty("series").EnumerateArray());
        Assert.Equal(2, series.GetProperty("instances").GetInt32());
        var seriesId = series.GetProperty("id").GetString()!;
        var geometry = (await clinician.GetFromJsonAsync<JsonElement>($"/api/series/{seriesId}", Ct)).GetProperty("geometry");
        Assert.Equal([256, 256, 2], geometry.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()));
        var lps = new Affine([.. geometry.GetProperty("ijkToLps").EnumerateArray().Select(v => v.GetDouble())]);
        var volume = (await app.App.Services.GetRequiredService<ISeriesVolumes>().GetAsync(seriesId, Ct))!;
        var matched = new HashSet<NibabelDicomSlices.Slice>();
        for (var k = 0; k < 2; k++)
        {
            // nibabel's affine maps (row, column, slice); ours (column i, row j, slice k).
            var origin = lps.Apply(0, 0, k);
            var slice = Assert.Single(slices, s => Math.Abs(s.Affine[0][3] - origin.X) + Math.Abs(s.Affine[1][3] - origin.Y) + Math.Abs(s.Affine[2][3] - origin.Z) < 1e-3);
            Assert.True(matched.Add(slice), $"slice {k} lands on the same file as another");
            for (var row = 0; row < 3; row++)
            {
                Assert.Equal(slice.Affine[row][1], lps[row, 0], 1e-6);
                Assert.Equal(slice.Affine[row][0], lps[row, 1], 1e-6);
            }

            var plane = slice.Rows * slice.Columns;
            Assert.True(volume.Voxels.AsSpan(k * plane, plane).SequenceEqual(slice.Pixels), $"slice {k} holds other pixels than nibabel's");
        }

        await AssertUploadingAgainStoresNothingAsync(app, clinician, [files]);
    }

    /// <summary>Each upload again: it matches the series it made before, and the store and the index gain nothing.</summary>
    private static async Task AssertUploadingAgainStoresNothingAsync(ProfileApp app, HttpClient clinician, IEnumerable<string[]> uploads)
    {
        var blobs = app.App.Services.GetRequiredService<IBlobStore>();
        var objects = await blobs.ListAsync("", Ct).ToListAsync(Ct);
        var instances = await app.Database.ScalarAsync<long>("SELECT COUNT(*) FROM instances");
        var series = await app.Database.ScalarAsync<long>("SELECT COUNT(*) FROM series");

        foreach (var files in uploads)
        {
            var (status, body) = await UploadAsync(clinician, files);
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Empty(body.GetProperty("rejected").EnumerateArray());
        }

        Assert.Equal(objects.Order(StringComparer.Ordinal), (await blobs.ListAsync("", Ct).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(instances, await app.Database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
        Assert.Equal(series, await app.Database.ScalarAsync<long>("SELECT COUNT(*) FROM series"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(HttpClient clinician, params string[] paths)
    {
        var content = new MultipartFormDataContent { { new StringContent("MR"), "modality" } };
        foreach (var path in paths)
        {
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(path, Ct));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "file", Path.GetFileName(path));
        }

        var response = await clinician.PostAsync("/api/studies", content, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }
}
