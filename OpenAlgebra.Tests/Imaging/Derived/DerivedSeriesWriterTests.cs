using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging.Derived;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Loading;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Tests.Inference;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Derived;

public sealed class DerivedSeriesWriterTests : AppTest
{
    [Fact]
    public async Task Derived_instances_say_what_they_are_and_where_they_came_from()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        var writer = App.Services.GetRequiredService<IDerivedSeriesWriter>();
        var volume = (await App.Services.GetRequiredService<ISeriesVolumes>().GetAsync(seriesId, Ct))!;

        var first = await writer.StoreAsync(new DerivedSeriesRequest(seriesId, volume, "derivation-1", "copy"), Ct);
        var again = await writer.StoreAsync(new DerivedSeriesRequest(seriesId, volume, "derivation-1", "copy"), Ct);

        Assert.Equal((8, 8), (first.Instances, first.InstancesAdded));
        Assert.Equal((first.SeriesId, 0), (again.SeriesId, again.InstancesAdded));
        var index = App.Services.GetRequiredService<IStudyIndex>();
        var sources = (await index.GetInstancesAsync(seriesId, Ct)).ToDictionary(i => i.SopInstanceUid);
        var codec = App.Services.GetRequiredService<IDicomCodec>();
        var objects = App.Services.GetRequiredService<IEncryptedObjectStore>();
        var sourceFirst = await ReadAsync(codec, objects, sources.Values.First());
        foreach (var instance in await index.GetInstancesAsync(first.SeriesId, Ct))
        {
            var ds = await ReadAsync(codec, objects, instance);
            Assert.Equal(@"DERIVED\SECONDARY", ds.GetString(new DicomTag(0x0008, 0x0008)));
            Assert.Equal(DerivedSeriesWriter.SecondaryCaptureImageStorage, ds.GetString(DicomTags.SopClassUid));
            Assert.Equal(sourceFirst.GetString(DicomTags.StudyInstanceUid), ds.GetString(DicomTags.StudyInstanceUid));
            Assert.Equal(sourceFirst.GetString(DicomTags.PatientId), ds.GetString(DicomTags.PatientId));
            Assert.Equal(sourceFirst.GetString(new DicomTag(0x0020, 0x0052)), ds.GetString(new DicomTag(0x0020, 0x0052)));
            var reference = ((DicomSequence)ds.Find(new DicomTag(0x0008, 0x2112))!).Items.Single();
            var referenced = sources[reference.GetString(new DicomTag(0x0008, 0x1155))!];
            // The slice it was derived from sits where it sits.
            Assert.Equal((await ReadAsync(codec, objects, referenced)).GetNumbers(DicomTags.ImagePositionPatient), ds.GetNumbers(DicomTags.ImagePositionPatient));
        }
    }

    private static async Task<DicomDataset> ReadAsync(IDicomCodec codec, IEncryptedObjectStore objects, StoredInstance instance)
    {
        await using var stream = await objects.OpenStoredAsync(instance, Ct);
        return codec.Read(stream).Dataset;
    }
}
