using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Numerics.Tensors;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Imaging.Derived;

internal sealed class DerivedSeriesWriter(
    ISourceSeriesReader sources,
    IStudyIndex index,
    IEncryptedObjectStore objects,
    IDicomCodec codec,
    ProductInfo product,
    TimeProvider clock) : IDerivedSeriesWriter
{
    public const string SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";

    private static readonly DicomTag InstanceNumber = new(0x0020, 0x0013);

    /// <summary>Derived series number: past the scanner's usual range, so a viewer lists it after the source.</summary>
    private const int SeriesNumber = 9000;

    public async Task<DerivedSeries> StoreAsync(DerivedSeriesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var volume = request.Volume;
        if (volume.Frames != 1 || volume.Channels != 1)
        {
            throw new ArgumentException($"A derived series is one 3D channel; this volume has {volume.Frames} frames of {volume.Channels} channels.", nameof(request));
        }

        var source = await sources.ReadAsync(request.SourceSeriesId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"No series '{request.SourceSeriesId}' to derive from.", nameof(request));
        var seriesUid = DicomUids.FromKey("derived-series:" + request.DerivationKey);
        var encoding = SampleEncoding.For(volume.Voxels);
        var now = clock.GetUtcNow();
        string? seriesId = null;
        var added = 0;
        for (var k = 0; k < volume.SizeZ; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sopUid = DicomUids.FromKey($"derived-instance:{request.DerivationKey}:{k}");
            if (await index.FindInstanceAsync(sopUid, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                seriesId = existing.SeriesId;
                continue;
            }

            var dataset = Instance(source, request, volume, k, seriesUid, sopUid, encoding, now);
            var indexed = await StoreAsync(dataset, source, request, volume, cancellationToken).ConfigureAwait(false);
            seriesId = indexed.SeriesId;
            added += indexed.Added ? 1 : 0;
        }

        return new DerivedSeries(seriesId!, seriesUid, volume.SizeZ, added);
    }

    /// <summary>Mark, write, index, as ingest does: a crash between the steps leaves nothing the start-up sweep keeps.</summary>
    private async Task<IndexedInstance> StoreAsync(DicomDataset dataset, SourceSeries source, DerivedSeriesRequest request, Volume volume,
        CancellationToken cancellationToken)
    {
        var sopUid = dataset.GetString(DicomTags.SopInstanceUid)!;
        var bytes = new MemoryStream();
        codec.Write(DicomFiles.Create(dataset, product), bytes);
        bytes.Position = 0;
        var key = "instances/" + sopUid;
        await index.MarkPendingAsync(key, cancellationToken).ConfigureAwait(false);
        var written = await objects.PutAsync(key, bytes, cancellationToken).ConfigureAwait(false);
        var entry = new InstanceEntry(
            Pseudonym: dataset.GetString(DicomTags.PatientId) ?? "",
            StudyUid: source.StudyInstanceUid,
            StudyDate: dataset.GetString(new DicomTag(0x0008, 0x0020)) is { Length: > 0 } date ? date : null,
            StudyTime: dataset.GetString(new DicomTag(0x0008, 0x0030)) is { Length: > 0 } time ? time : null,
            StudyDescription: null,
            SeriesUid: dataset.GetString(DicomTags.SeriesInstanceUid)!,
            Kind: FilePreparation.DicomKind,
            Modality: source.Modality,
            SeriesDescription: request.Description,
            SeriesNumber: SeriesNumber,
            BodyPart: null,
            SopInstanceUid: sopUid,
            SopClassUid: SecondaryCaptureImageStorage,
            InstanceNumber: (int)dataset.GetNumber(InstanceNumber)!.Value,
            TransferSyntax: DicomTransferSyntax.ExplicitVRLittleEndian.Uid,
            Rows: volume.SizeY,
            Columns: volume.SizeX,
            Frames: null,
            ObjectKey: key,
            Size: written.Size,
            Sha256: written.Sha256,
            DerivedFromSeriesId: source.SeriesId);
        try
        {
            return await index.AddInstanceAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            await objects.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            await index.ClearPendingAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Slice k's data set: the source's patient and study attributes (one copy, refilled per slice) with this slice's own.</summary>
    private DicomDataset Instance(SourceSeries source, DerivedSeriesRequest request, Volume volume, int k, string seriesUid, string sopUid,
        SampleEncoding encoding, DateTimeOffset now)
    {
        var dataset = source.PatientStudy;
        var date = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = now.UtcDateTime.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture);
        dataset.SetString(new DicomTag(0x0008, 0x0008), DicomVR.CS, @"DERIVED\SECONDARY");
        dataset.SetString(new DicomTag(0x0008, 0x0012), DicomVR.DA, date); // Instance Creation Date
        dataset.SetString(new DicomTag(0x0008, 0x0013), DicomVR.TM, time);
        dataset.SetString(DicomTags.SopClassUid, DicomVR.UI, SecondaryCaptureImageStorage);
        dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, sopUid);
        dataset.SetString(new DicomTag(0x0008, 0x0023), DicomVR.DA, date); // Content Date
        dataset.SetString(new DicomTag(0x0008, 0x0033), DicomVR.TM, time);
        dataset.SetString(new DicomTag(0x0008, 0x0064), DicomVR.CS, "WSD"); // Conversion Type: workstation
        dataset.SetString(DicomTags.Modality, DicomVR.CS, source.Modality);
        dataset.SetString(new DicomTag(0x0008, 0x0070), DicomVR.LO, "OpenAlgebra"); // Manufacturer
        dataset.SetString(new DicomTag(0x0008, 0x103E), DicomVR.LO, Truncate(request.Description, 64));
        dataset.SetString(new DicomTag(0x0008, 0x2111), DicomVR.ST, Truncate(request.Description, 1024)); // Derivation Description
        if (source.Slices.Count == volume.SizeZ)
        {
            dataset.Set(new DicomSequence(new DicomTag(0x0008, 0x2112), DicomVR.SQ, [Reference(source.Slices[k])], undefinedLength: false));
        }

        dataset.SetString(new DicomTag(0x0018, 0x1020), DicomVR.LO, product.Version); // Software Versions
        dataset.SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, seriesUid);
        dataset.SetString(new DicomTag(0x0020, 0x0011), DicomVR.IS, SeriesNumber.ToString(CultureInfo.InvariantCulture));
        dataset.SetString(InstanceNumber, DicomVR.IS, (k + 1).ToString(CultureInfo.InvariantCulture));
        var affine = volume.IjkToLps;
        var (x, y, z) = affine.Apply(0, 0, k);
        var (spacingI, spacingJ, spacingK) = affine.Spacing;
        dataset.SetDecimals(DicomTags.ImagePositionPatient, x, y, z);
        dataset.SetDecimals(DicomTags.ImageOrientationPatient,
            affine[0, 0] / spacingI, affine[1, 0] / spacingI, affine[2, 0] / spacingI,
            affine[0, 1] / spacingJ, affine[1, 1] / spacingJ, affine[2, 1] / spacingJ);
        dataset.SetDecimals(DicomTags.SliceThickness, spacingK);
        dataset.SetDecimals(DicomTags.PixelSpacing, spacingJ, spacingI);
        dataset.SetUInt16(DicomTags.SamplesPerPixel, 1);
        dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        dataset.SetUInt16(DicomTags.Rows, checked((ushort)volume.SizeY));
        dataset.SetUInt16(DicomTags.Columns, checked((ushort)volume.SizeX));
        dataset.SetUInt16(DicomTags.BitsAllocated, 16);
        dataset.SetUInt16(DicomTags.BitsStored, 16);
        dataset.SetUInt16(DicomTags.HighBit, 15);
        dataset.SetUInt16(DicomTags.PixelRepresentation, 1);
        dataset.SetDecimals(DicomTags.RescaleIntercept, encoding.Intercept);
        dataset.SetDecimals(DicomTags.RescaleSlope, encoding.Slope);
        dataset.SetString(new DicomTag(0x0028, 0x1054), DicomVR.LO, source.Modality == "CT" ? "HU" : "US"); // Rescale Type
        dataset.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(encoding.Encode(volume, k))));
        return dataset;
    }

    private static DicomDataset Reference(SourceImage image)
    {
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0008, 0x1150), DicomVR.UI, image.SopClassUid);
        item.SetString(new DicomTag(0x0008, 0x1155), DicomVR.UI, image.SopInstanceUid);
        if (image.FrameNumber is { } frame)
        {
            item.SetString(new DicomTag(0x0008, 0x1160), DicomVR.IS, frame.ToString(CultureInfo.InvariantCulture));
        }

        return item;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>
    /// Floats as signed 16-bit samples with one rescale for the whole series, spread over the volume's range so that
    /// the rounding step is range / 65534 (a thousandth of a HU for a CT).
    /// </summary>
    private readonly record struct SampleEncoding(double Slope, double Intercept)
    {
        public static SampleEncoding For(float[] voxels)
        {
            var min = (double)TensorPrimitives.Min<float>(voxels);
            var max = (double)TensorPrimitives.Max<float>(voxels);
            if (!double.IsFinite(min) || !double.IsFinite(max))
            {
                throw new ArgumentException("The derived volume holds a value that is not a finite number.", nameof(voxels));
            }

            return new SampleEncoding(max > min ? (max - min) / 65534 : 1, (max + min) / 2);
        }

        public byte[] Encode(Volume volume, int k)
        {
            var count = volume.SizeX * volume.SizeY;
            var slice = volume.Voxels.AsSpan(k * count, count);
            var bytes = new byte[count * 2];
            var scale = 1 / Slope;
            for (var n = 0; n < count; n++)
            {
                var stored = Math.Clamp(Math.Round((slice[n] - Intercept) * scale), -32767, 32767);
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(n * 2), (short)stored);
            }

            return bytes;
        }
    }
}
