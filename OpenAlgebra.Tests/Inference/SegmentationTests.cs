using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Tests.Imaging.Nifti;

namespace OpenAlgebra.Tests.Inference;

/// <summary>Results of an analysis of a DICOM series, read back by dcmdump, pydicom, nibabel and this platform's own readers.</summary>
public sealed class SegmentationTests : AnalysisAppTest
{
    private static readonly DicomTag FrameOfReferenceUid = new(0x0020, 0x0052);

    [Fact]
    public async Task The_segmentation_references_the_source_series_and_reads_back_in_dcmdump_pydicom_and_here()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        await WaitForAsync(clinician, id, "Succeeded");
        var path = Path.Combine(Database.DataDirectory, "seg.dcm");
        await File.WriteAllBytesAsync(path, await clinician.GetByteArrayAsync($"/api/analyses/{id}/result/seg.dcm", Ct), Ct);
        var source = await SourceInstancesAsync(seriesId);

        var dump = SegmentationCheck.Dcmdump(path);
        var seg = SegmentationCheck.Pydicom(path);

        Assert.Contains("=SegmentationStorage", dump, StringComparison.Ordinal);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.66.4", seg.GetProperty("sopClass").GetString());
        Assert.Equal("SEG", seg.GetProperty("modality").GetString());
        Assert.Equal("BINARY", seg.GetProperty("type").GetString());
        Assert.Equal(4, seg.GetProperty("frames").GetInt32());
        Assert.Equal([4, 10, 12], seg.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var segment = Assert.Single(seg.GetProperty("segments").EnumerateArray());
        Assert.Equal("Label 1", segment.GetProperty("label").GetString());
        Assert.Equal("AUTOMATIC", segment.GetProperty("algorithm").GetString());
        Assert.Equal(source.First().Value.FrameOfReference, seg.GetProperty("frameOfReference").GetString());
        Assert.Equal(source.First().Value.Study, seg.GetProperty("study").GetString());
        Assert.Equal(source.First().Value.Patient, seg.GetProperty("patient").GetString());
        var series = (await App.Services.GetRequiredService<IStudyIndex>().GetSeriesAsync(seriesId, Ct))!;
        Assert.Equal([series.SeriesInstanceUid], seg.GetProperty("referencedSeries").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(8, seg.GetProperty("referencedInstances").GetInt32());
        Assert.Equal([1, 0, 0, 0, 1, 0], seg.GetProperty("orientation").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0.7, 0.8], seg.GetProperty("spacing").EnumerateArray().Select(e => e.GetDouble()));
        var frames = seg.GetProperty("perFrame").EnumerateArray().ToList();
        for (var n = 0; n < frames.Count; n++)
        {
            var k = n + 2;
            var z = frames[n].GetProperty("position")[2].GetDouble();
            Assert.Equal(TestPhantom.IjkToLps.Apply(0, 0, k).Z, z, 6);
            Assert.Equal(25, frames[n].GetProperty("pixels").GetInt32());
            Assert.Equal([1, k + 1], frames[n].GetProperty("index").EnumerateArray().Select(e => e.GetInt32()));
            // Each frame is derived from the stored slice at its own position.
            Assert.Equal(z, source[frames[n].GetProperty("source").GetString()!].Z, 6);
        }

        AssertOwnReaderAgrees(path);
    }

    [Fact]
    public async Task Each_label_becomes_a_segment_with_frames_only_where_it_is()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        await ActivateAsync("test-seeds");
        var clinician = await App.ClinicianAsync();
        var seeds = new Dictionary<string, int[][]> { ["3"] = [[4, 3, 3]], ["12"] = [[0, 0, 0], [11, 9, 7], [1, 0, 7]] };
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-seeds", seeds });
        await WaitForAsync(clinician, id, "Succeeded");
        var path = Path.Combine(Database.DataDirectory, "seeds.dcm");
        await File.WriteAllBytesAsync(path, await clinician.GetByteArrayAsync($"/api/analyses/{id}/result/seg.dcm", Ct), Ct);

        var seg = SegmentationCheck.Pydicom(path);

        Assert.Equal(["Label 3", "Label 12"], seg.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        Assert.Equal(["SEMIAUTOMATIC", "SEMIAUTOMATIC"], seg.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("algorithm").GetString()));
        var frames = seg.GetProperty("perFrame").EnumerateArray()
            .Select(f => (Segment: f.GetProperty("segment").GetInt32(), Slice: f.GetProperty("index")[1].GetInt32() - 1, Pixels: f.GetProperty("pixels").GetInt32()));
        Assert.Equal([(1, 3, 1), (2, 0, 1), (2, 7, 2)], frames);
        AssertOwnReaderAgrees(path);
    }

    [Fact]
    public async Task The_mask_reads_in_nibabel_with_the_series_affine()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        var clinician = await App.ClinicianAsync();
        var id = await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" });
        await WaitForAsync(clinician, id, "Succeeded");
        var path = Path.Combine(Database.DataDirectory, "mask.nii.gz");
        await File.WriteAllBytesAsync(path, await clinician.GetByteArrayAsync($"/api/analyses/{id}/result/mask.nii.gz", Ct), Ct);
        var volume = (await App.Services.GetRequiredService<ISeriesVolumes>().GetAsync(seriesId, Ct))!;

        var view = await Nibabel.LoadAsync(path, Ct);

        Assert.Null(view.Error);
        Assert.Equal([12, 10, 8], view.Shape);
        Assert.True(view.Affine!.ApproximatelyEquals(volume.IjkToRas, 1e-5), $"nibabel {view.Affine} vs series {volume.IjkToRas}");
        Assert.Equal(1002, view.Intent);
        Assert.Equal(TestPhantom.Truth().Labels.Select(l => (float)l), view.Voxels!);
    }

    /// <summary>This platform's DICOM reader and pixel decoder see the same frames pydicom does.</summary>
    private void AssertOwnReaderAgrees(string path)
    {
        using var stream = File.OpenRead(path);
        var file = App.Services.GetRequiredService<IDicomCodec>().Read(stream);
        var pixels = App.Services.GetRequiredService<IDicomPixelDecoder>().Open(file);
        var perFrame = (DicomSequence)file.Dataset.Find(DicomTags.PerFrameFunctionalGroupsSequence)!;
        Assert.Equal(perFrame.Items.Count, pixels.FrameCount);
        Assert.Equal("SEG", file.Dataset.GetString(DicomTags.Modality));
        for (var f = 0; f < pixels.FrameCount; f++)
        {
            var frame = pixels.DecodeFrame(f);
            Assert.Contains(frame, b => b == 1);
            Assert.All(frame, b => Assert.True(b is 0 or 1));
        }
    }

    /// <summary>The stored source instances by SOP Instance UID, with their z, Frame of Reference, study and patient.</summary>
    private async Task<Dictionary<string, (double Z, string FrameOfReference, string Study, string Patient)>> SourceInstancesAsync(string seriesId)
    {
        var codec = App.Services.GetRequiredService<IDicomCodec>();
        var objects = App.Services.GetRequiredService<IEncryptedObjectStore>();
        var result = new Dictionary<string, (double, string, string, string)>();
        foreach (var instance in await App.Services.GetRequiredService<IStudyIndex>().GetInstancesAsync(seriesId, Ct))
        {
            await using var stream = await objects.OpenStoredAsync(instance, Ct);
            var ds = codec.Read(stream).Dataset;
            result[instance.SopInstanceUid] = (ds.GetNumbers(DicomTags.ImagePositionPatient)[2], ds.GetString(FrameOfReferenceUid)!,
                ds.GetString(DicomTags.StudyInstanceUid)!, ds.GetString(DicomTags.PatientId)!);
        }

        return result;
    }
}
