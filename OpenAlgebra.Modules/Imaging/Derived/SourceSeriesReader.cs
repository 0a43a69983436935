using Dapper;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Imaging.Derived;

internal sealed class SourceSeriesReader(
    ISqlDatabase database,
    IStudyIndex index,
    IEncryptedObjectStore objects,
    IDicomCodec codec,
    IDicomPixelDecoder decoder) : ISourceSeriesReader
{
    private static readonly DicomTag FrameOfReferenceUid = new(0x0020, 0x0052);
    private static readonly DicomTag PatientIdentityRemoved = new(0x0012, 0x0062);

    /// <summary>Patient, General Study and Frame of Reference modules, plus what de-identification recorded about itself.</summary>
    private static readonly DicomTag[] PatientStudyTags =
    [
        DicomTags.SpecificCharacterSet,
        new(0x0008, 0x0020), // Study Date
        new(0x0008, 0x0030), // Study Time
        new(0x0008, 0x0050), // Accession Number
        new(0x0008, 0x0090), // Referring Physician's Name
        new(0x0008, 0x1030), // Study Description
        DicomTags.PatientName,
        DicomTags.PatientId,
        new(0x0010, 0x0030), // Patient's Birth Date
        new(0x0010, 0x0040), // Patient's Sex
        PatientIdentityRemoved,
        new(0x0012, 0x0063), // De-identification Method
        new(0x0012, 0x0064), // De-identification Method Code Sequence
        DicomTags.StudyInstanceUid,
        new(0x0020, 0x0010), // Study ID
        FrameOfReferenceUid,
        new(0x0020, 0x1040), // Position Reference Indicator
        new(0x0028, 0x0303), // Longitudinal Temporal Information Modified
    ];

    public async Task<SourceSeries?> ReadAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        SeriesRow? row;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            row = await connection.QuerySingleOrDefaultAsync<SeriesRow>(new CommandDefinition("""
                SELECT r.series_uid AS SeriesUid, r.modality AS Modality, r.kind AS Kind, s.study_uid AS StudyUid, p.pseudonym AS Pseudonym
                FROM series r JOIN studies s ON s.id = r.study_id JOIN patients p ON p.id = s.patient_id WHERE r.id = @seriesId
                """, new { seriesId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        if (row is null)
        {
            return null;
        }

        return row.Kind == FilePreparation.NiftiKind
            ? FromIndex(seriesId, row)
            : await FromInstancesAsync(seriesId, row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A NIfTI upload has no DICOM attributes: the pseudonym and the index's UIDs are all there is.</summary>
    private static SourceSeries FromIndex(string seriesId, SeriesRow row)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.PatientName, DicomVR.PN, row.Pseudonym);
        dataset.SetString(DicomTags.PatientId, DicomVR.LO, row.Pseudonym);
        dataset.SetString(PatientIdentityRemoved, DicomVR.CS, "YES");
        dataset.SetString(DicomTags.StudyInstanceUid, DicomVR.UI, row.StudyUid);
        var frameOfReference = DerivedFrameOfReference(row.SeriesUid);
        dataset.SetString(FrameOfReferenceUid, DicomVR.UI, frameOfReference);
        return new SourceSeries(seriesId, row.StudyUid, row.SeriesUid, frameOfReference, row.Modality, dataset, [], []);
    }

    private async Task<SourceSeries> FromInstancesAsync(string seriesId, SeriesRow row, CancellationToken cancellationToken)
    {
        var stored = await index.GetInstancesAsync(seriesId, cancellationToken).ConfigureAwait(false);
        var files = new List<DicomFile>(stored.Count);
        foreach (var instance in stored)
        {
            await using var stream = await objects.OpenStoredAsync(instance, cancellationToken).ConfigureAwait(false);
            files.Add(codec.Read(stream));
        }

        if (files.Count == 0)
        {
            throw new VolumeBuildException($"Series '{seriesId}' has no stored instances.");
        }

        var images = files.Select(f => new SourceImage(
            f.Dataset.GetString(DicomTags.SopClassUid) ?? "", f.Dataset.GetString(DicomTags.SopInstanceUid) ?? "", null)).ToList();
        var dataset = new DicomDataset();
        foreach (var tag in PatientStudyTags)
        {
            if (files[0].Dataset.Find(tag) is { } element)
            {
                dataset.Set(element);
            }
        }

        var frameOfReference = dataset.GetString(FrameOfReferenceUid) is { Length: > 0 } uid ? uid : DerivedFrameOfReference(row.SeriesUid);
        dataset.SetString(FrameOfReferenceUid, DicomVR.UI, frameOfReference);
        return new SourceSeries(seriesId, row.StudyUid, row.SeriesUid, frameOfReference, row.Modality, dataset, images, SliceImages(files, images));
    }

    /// <summary>Which image each slice of the volume came from, in the order the volume builder stacks them.</summary>
    private List<SourceImage> SliceImages(List<DicomFile> files, List<SourceImage> images)
    {
        var slices = new List<Slice>();
        var owners = new Dictionary<Slice, SourceImage>(ReferenceEqualityComparer.Instance);
        for (var n = 0; n < files.Count; n++)
        {
            var pixels = decoder.Open(files[n]);
            foreach (var slice in SliceReader.Read(files[n], pixels, n + 1))
            {
                slices.Add(slice);
                owners[slice] = pixels.FrameCount == 1 ? images[n] : images[n] with { FrameNumber = slice.Frame + 1 };
            }
        }

        return SliceStack.Order(slices).Ordered.Select(s => owners[s]).ToList();
    }

    /// <summary>A series without a Frame of Reference UID still needs one for objects that share its space.</summary>
    private static string DerivedFrameOfReference(string seriesUid) => DicomUids.FromKey("frame-of-reference:" + seriesUid);

    private sealed record SeriesRow
    {
        public string SeriesUid { get; init; } = "";
        public string Modality { get; init; } = "";
        public string Kind { get; init; } = "";
        public string StudyUid { get; init; } = "";
        public string Pseudonym { get; init; } = "";
    }
}
