using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Loading;

namespace OpenAlgebra.Tests.Inference;

/// <summary>A derived volume (tv-denoise's kind of output) stored as a new series of the study, flagged and linked to its source.</summary>
public sealed class DerivedSeriesTests : AnalysisAppTest
{
    [Theory]
    [InlineData("dicom")]
    [InlineData("nifti")]
    public async Task A_derived_volume_becomes_a_series_linked_to_its_source_on_the_same_grid(string kind)
    {
        var seriesId = kind == "dicom" ? await TestSeries.DicomAsync(App.Services, Ct) : await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-derive");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-derive" });

        var done = await WaitForAsync(clinician, id, "Succeeded");
        var derivedId = done.GetProperty("derivedSeriesId").GetString()!;
        var studies = await clinician.GetFromJsonAsync<JsonElement>("/api/studies", Ct);
        var study = await clinician.GetFromJsonAsync<JsonElement>($"/api/studies/{studies.GetProperty("items")[0].GetProperty("id").GetString()}", Ct);
        var volumes = App.Services.GetRequiredService<ISeriesVolumes>();
        var source = (await volumes.GetAsync(seriesId, Ct))!;
        var derived = (await volumes.GetAsync(derivedId, Ct))!;

        Assert.Single(studies.GetProperty("items").EnumerateArray());
        var listed = study.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("id").GetString() == derivedId);
        Assert.Equal(seriesId, listed.GetProperty("derivedFromSeriesId").GetString());
        Assert.Equal(8, listed.GetProperty("instances").GetInt32());
        Assert.Equal("CT", listed.GetProperty("modality").GetString());
        Assert.StartsWith("test-derive 1.0.0", listed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, study.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("id").GetString() == seriesId)
            .GetProperty("derivedFromSeriesId").ValueKind);
        Assert.True(derived.IjkToLps.ApproximatelyEquals(source.IjkToLps, 1e-6), $"{derived.IjkToLps} vs {source.IjkToLps}");
        for (var n = 0; n < source.Voxels.Length; n++)
        {
            Assert.Equal(source.Voxels[n] + 1, derived.Voxels[n], 0.05);
        }
    }
}
