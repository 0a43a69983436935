using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Tests.Inference;

/// <summary>The module's own engines through the whole path: validation gate, API, job, results.</summary>
public sealed class RealEngineFlowTests : AnalysisAppTest
{
    [Fact]
    public async Task Quantify_measures_the_mask_of_an_earlier_analysis_against_a_reference()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        await ActivateAsync("quantify");
        var clinician = await App.ClinicianAsync();
        var masked = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        await WaitForAsync(clinician, masked, "Succeeded");

        var id = await SubmitAsync(clinician, new { seriesId, engine = "quantify", inputMaskAnalysisId = masked, referenceMaskAnalysisId = masked });
        var done = await WaitForAsync(clinician, id, "Succeeded");
        var metrics = (await clinician.GetFromJsonAsync<JsonElement>($"/api/analyses/{id}/result/metrics.json", Ct)).GetProperty("metrics");

        Assert.Equal(["metrics.json"], done.GetProperty("results").EnumerateArray().Select(e => e.GetString()));
        var label = metrics.GetProperty("labels")[0];
        Assert.Equal(100, label.GetProperty("voxelCount").GetInt32());
        Assert.Equal(100 * 0.8 * 0.7 * 2 / 1000, label.GetProperty("volumeMl").GetDouble(), 6);
        Assert.Equal(TestPhantom.Box, label.GetProperty("mean").GetDouble(), 3);
        Assert.Equal(1, metrics.GetProperty("meanDice").GetDouble(), 9);
    }

    [Fact]
    public async Task Random_walker_segments_the_box_from_two_seeds_and_its_segmentation_has_both_labels()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        await ActivateAsync("random-walker");
        var clinician = await App.ClinicianAsync();
        var seeds = new Dictionary<string, int[][]> { ["1"] = [[5, 4, 3]], ["2"] = [[0, 0, 0], [11, 9, 7]] };

        var id = await SubmitAsync(clinician, new { seriesId, engine = "random-walker", seeds });
        var done = await WaitForAsync(clinician, id, "Succeeded", 120);
        var mask = App.Services.GetRequiredService<INiftiCodec>().Read(await clinician.GetStreamAsync($"/api/analyses/{id}/result/mask.nii.gz", Ct));
        var path = Path.Combine(Database.DataDirectory, "rw.dcm");
        await File.WriteAllBytesAsync(path, await clinician.GetByteArrayAsync($"/api/analyses/{id}/result/seg.dcm", Ct), Ct);

        Assert.Equal("gpu", done.GetProperty("queue").GetString());
        var truth = TestPhantom.Truth();
        for (var n = 0; n < truth.Labels.Length; n++)
        {
            Assert.Equal(truth.Labels[n] == 1 ? 1f : 2f, mask.Voxels[n]);
        }

        var segments = SegmentationCheck.Pydicom(path).GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("label").GetString());
        Assert.Equal(["Label 1", "Label 2"], segments);
    }

    [Fact]
    public async Task Tv_denoise_stores_its_output_as_a_derived_series_of_the_study()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        await ActivateAsync("tv-denoise");
        var clinician = await App.ClinicianAsync();

        var id = await SubmitAsync(clinician, new { seriesId, engine = "tv-denoise", parameters = new { weight = 10.0 } });
        var done = await WaitForAsync(clinician, id, "Succeeded", 120);
        var derivedId = done.GetProperty("derivedSeriesId").GetString();
        var series = await clinician.GetFromJsonAsync<JsonElement>($"/api/series/{derivedId}", Ct);

        Assert.Equal(["metrics.json"], done.GetProperty("results").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(seriesId, series.GetProperty("series").GetProperty("derivedFromSeriesId").GetString());
        Assert.Equal([12, 10, 8], series.GetProperty("geometry").GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
    }
}
