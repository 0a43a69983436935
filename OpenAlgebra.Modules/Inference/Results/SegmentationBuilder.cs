using System.Buffers.Binary;
using System.Globalization;
using OpenAlgebra.Modules.Imaging.Derived;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Platform;
using static OpenAlgebra.Modules.Inference.Results.SegmentationTags;

namespace OpenAlgebra.Modules.Inference.Results;

/// <summary>Who made a segmentation: the analysis and its engine.</summary>
internal sealed record SegmentationOrigin(string AnalysisId, string Engine, string Version, bool SemiAutomatic);

/// <summary>
/// A label mask as a DICOM Segmentation (PS3.3 A.51, BINARY): one segment per label present, numbered from 1 in label
/// order; one frame per slice that holds the segment, segment after segment; the source's Frame of Reference and plane
/// geometry, and per frame the source image it was derived from.
/// </summary>
internal static class SegmentationBuilder
{
    public const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    /// <summary>Series number of segmentations: after the scanner's usual range and after derived image series.</summary>
    private const int SeriesNumberOfSegmentations = 9100;

    /// <returns>null when the mask has no labelled voxel: a segmentation needs at least one frame.</returns>
    public static DicomDataset? Build(SourceSeries source, Volume volume, LabelMask mask, SegmentationOrigin origin, ProductInfo product, DateTimeOffset now)
    {
        var frames = Frames(mask);
        if (frames.Count == 0)
        {
            return null;
        }

        var segments = frames.Select(f => f.Label).Distinct().ToList();
        var dataset = source.PatientStudy;
        Describe(dataset, origin, product, now);
        dataset.Set(Sequence(SegmentSequence, segments.Select((label, n) => Segment(n + 1, label, origin)).ToArray()));
        dataset.Set(Sequence(DimensionOrganizationSequence, Item(d => d.SetString(DimensionOrganizationUid, DicomVR.UI, DimensionOrganization(origin)))));
        dataset.SetString(DimensionOrganizationType, DicomVR.CS, "3D");
        dataset.Set(Sequence(DimensionIndexSequence,
            DimensionIndex(origin, ReferencedSegmentNumber, SegmentIdentificationSequence, "ReferencedSegmentNumber"),
            DimensionIndex(origin, DicomTags.ImagePositionPatient, DicomTags.PlanePositionSequence, "ImagePositionPatient")));
        dataset.Set(Sequence(DicomTags.SharedFunctionalGroupsSequence, Item(shared => Shared(shared, volume.IjkToLps))));
        var slices = source.Slices.Count == volume.SizeZ ? source.Slices : null;
        dataset.Set(Sequence(DicomTags.PerFrameFunctionalGroupsSequence,
            frames.Select(f => Item(frame => PerFrame(frame, f, segments.IndexOf(f.Label) + 1, volume.IjkToLps, slices))).ToArray()));
        if (source.Images.Count > 0)
        {
            dataset.Set(Sequence(ReferencedSeriesSequence, Item(series =>
            {
                series.Set(Sequence(ReferencedInstanceSequence, source.Images.DistinctBy(i => i.SopInstanceUid).Select(Reference).ToArray()));
                series.SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, source.SeriesInstanceUid);
            })));
        }

        dataset.SetUInt16(DicomTags.SamplesPerPixel, 1);
        dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        dataset.SetString(DicomTags.NumberOfFrames, DicomVR.IS, frames.Count.ToString(CultureInfo.InvariantCulture));
        dataset.SetUInt16(DicomTags.Rows, checked((ushort)mask.SizeY));
        dataset.SetUInt16(DicomTags.Columns, checked((ushort)mask.SizeX));
        dataset.SetUInt16(DicomTags.BitsAllocated, 1);
        dataset.SetUInt16(DicomTags.BitsStored, 1);
        dataset.SetUInt16(DicomTags.HighBit, 0);
        dataset.SetUInt16(DicomTags.PixelRepresentation, 0);
        dataset.SetString(LossyImageCompression, DicomVR.CS, "00");
        dataset.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OB, DicomBuffer.FromBytes(SegmentBits.Pack(mask, frames))));
        return dataset;
    }

    /// <summary>Each label's slices, label by label, in slice order.</summary>
    private static List<SegmentFrame> Frames(LabelMask mask)
    {
        var perSlice = mask.SizeX * mask.SizeY;
        var present = new bool[256 * mask.SizeZ];
        // Slices in parallel: each writes only its own column k of the table.
        Parallel.For(0, mask.SizeZ, k =>
        {
            foreach (var label in mask.Labels.AsSpan(k * perSlice, perSlice))
            {
                present[(label * mask.SizeZ) + k] = true;
            }
        });

        var frames = new List<SegmentFrame>();
        for (var label = 1; label < 256; label++)
        {
            for (var k = 0; k < mask.SizeZ; k++)
            {
                if (present[(label * mask.SizeZ) + k])
                {
                    frames.Add(new SegmentFrame((byte)label, k));
                }
            }
        }

        return frames;
    }

    private static void Describe(DicomDataset dataset, SegmentationOrigin origin, ProductInfo product, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = now.UtcDateTime.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture);
        var engine = $"{origin.Engine} {origin.Version}";
        dataset.SetString(ImageType, DicomVR.CS, @"DERIVED\PRIMARY");
        dataset.SetString(InstanceCreationDate, DicomVR.DA, date);
        dataset.SetString(InstanceCreationTime, DicomVR.TM, time);
        dataset.SetString(DicomTags.SopClassUid, DicomVR.UI, SegmentationStorage);
        dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, DicomUids.FromKey("segmentation-instance:" + origin.AnalysisId));
        dataset.SetString(SeriesDate, DicomVR.DA, date);
        dataset.SetString(ContentDate, DicomVR.DA, date);
        dataset.SetString(SeriesTime, DicomVR.TM, time);
        dataset.SetString(ContentTime, DicomVR.TM, time);
        dataset.SetString(DicomTags.Modality, DicomVR.CS, "SEG");
        dataset.SetString(Manufacturer, DicomVR.LO, "OpenAlgebra");
        dataset.SetString(SeriesDescription, DicomVR.LO, Truncate($"{engine} segmentation", 64));
        dataset.SetString(ManufacturerModelName, DicomVR.LO, Truncate($"OpenAlgebra {engine}", 64));
        dataset.SetString(DeviceSerialNumber, DicomVR.LO, Truncate(product.Commit, 64));
        dataset.SetString(SoftwareVersions, DicomVR.LO, Truncate(product.Version, 64));
        dataset.SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, DicomUids.FromKey("segmentation-series:" + origin.AnalysisId));
        dataset.SetString(SeriesNumber, DicomVR.IS, SeriesNumberOfSegmentations.ToString(CultureInfo.InvariantCulture));
        dataset.SetString(InstanceNumber, DicomVR.IS, "1");
        dataset.SetString(SegmentationType, DicomVR.CS, "BINARY");
        dataset.SetString(ContentLabel, DicomVR.CS, ContentLabelOf(origin.Engine));
        dataset.SetString(ContentDescription, DicomVR.LO, Truncate($"{engine}, analysis {origin.AnalysisId}", 64));
        dataset.SetString(ContentCreatorName, DicomVR.PN, "OpenAlgebra");
    }

    private static DicomDataset Segment(int number, byte label, SegmentationOrigin origin) => Item(segment =>
    {
        segment.Set(Sequence(SegmentedPropertyCategoryCodeSequence, Code("85756007", "SCT", "Tissue")));
        segment.SetUInt16(SegmentNumber, (ushort)number);
        segment.SetString(SegmentLabel, DicomVR.LO, $"Label {label}");
        segment.SetString(SegmentAlgorithmType, DicomVR.CS, origin.SemiAutomatic ? "SEMIAUTOMATIC" : "AUTOMATIC");
        segment.SetString(SegmentAlgorithmName, DicomVR.LO, Truncate($"{origin.Engine} {origin.Version}", 64));
        segment.Set(Sequence(SegmentedPropertyTypeCodeSequence, Code("85756007", "SCT", "Tissue")));
    });

    private static DicomDataset DimensionIndex(SegmentationOrigin origin, DicomTag pointer, DicomTag group, string label) => Item(index =>
    {
        index.SetString(DimensionOrganizationUid, DicomVR.UI, DimensionOrganization(origin));
        index.Set(new DicomValueElement(DimensionIndexPointer, DicomVR.AT, DicomBuffer.FromBytes(Tag(pointer))));
        index.Set(new DicomValueElement(FunctionalGroupPointer, DicomVR.AT, DicomBuffer.FromBytes(Tag(group))));
        index.SetString(DimensionDescriptionLabel, DicomVR.LO, label);
    });

    private static void Shared(DicomDataset shared, Affine affine)
    {
        var (spacingI, spacingJ, spacingK) = affine.Spacing;
        shared.Set(Sequence(DicomTags.PixelMeasuresSequence, Item(measures =>
        {
            measures.SetDecimals(DicomTags.SliceThickness, spacingK);
            measures.SetDecimals(DicomTags.SpacingBetweenSlices, spacingK);
            measures.SetDecimals(DicomTags.PixelSpacing, spacingJ, spacingI);
        })));
        shared.Set(Sequence(DicomTags.PlaneOrientationSequence, Item(orientation => orientation.SetDecimals(DicomTags.ImageOrientationPatient,
            affine[0, 0] / spacingI, affine[1, 0] / spacingI, affine[2, 0] / spacingI,
            affine[0, 1] / spacingJ, affine[1, 1] / spacingJ, affine[2, 1] / spacingJ))));
    }

    private static void PerFrame(DicomDataset frame, SegmentFrame segmentFrame, int segmentNumber, Affine affine, IReadOnlyList<SourceImage>? slices)
    {
        if (slices is not null)
        {
            var source = Reference(slices[segmentFrame.Slice]);
            source.Set(Sequence(PurposeOfReferenceCodeSequence, Code("121322", "DCM", "Source image for image processing operation")));
            frame.Set(Sequence(DerivationImageSequence, Item(derivation =>
            {
                derivation.Set(Sequence(SourceImageSequence, source));
                derivation.Set(Sequence(DerivationCodeSequence, Code("113076", "DCM", "Segmentation")));
            })));
        }

        var indexValues = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(indexValues, (uint)segmentNumber);
        BinaryPrimitives.WriteUInt32LittleEndian(indexValues.AsSpan(4), (uint)segmentFrame.Slice + 1);
        frame.Set(Sequence(FrameContentSequence, Item(content =>
            content.Set(new DicomValueElement(DimensionIndexValues, DicomVR.UL, DicomBuffer.FromBytes(indexValues))))));
        var (x, y, z) = affine.Apply(0, 0, segmentFrame.Slice);
        frame.Set(Sequence(DicomTags.PlanePositionSequence, Item(position => position.SetDecimals(DicomTags.ImagePositionPatient, x, y, z))));
        frame.Set(Sequence(SegmentIdentificationSequence, Item(identification => identification.SetUInt16(ReferencedSegmentNumber, (ushort)segmentNumber))));
    }

    private static DicomDataset Reference(SourceImage image) => Item(reference =>
    {
        reference.SetString(ReferencedSopClassUid, DicomVR.UI, image.SopClassUid);
        reference.SetString(ReferencedSopInstanceUid, DicomVR.UI, image.SopInstanceUid);
        if (image.FrameNumber is { } number)
        {
            reference.SetString(ReferencedFrameNumber, DicomVR.IS, number.ToString(CultureInfo.InvariantCulture));
        }
    });

    private static DicomDataset Code(string value, string scheme, string meaning) => Item(code =>
    {
        code.SetString(CodeValue, DicomVR.SH, value);
        code.SetString(CodingSchemeDesignator, DicomVR.SH, scheme);
        code.SetString(CodeMeaning, DicomVR.LO, meaning);
    });

    private static DicomDataset Item(Action<DicomDataset> fill)
    {
        var item = new DicomDataset();
        fill(item);
        return item;
    }

    private static DicomSequence Sequence(DicomTag tag, params DicomDataset[] items) => new(tag, DicomVR.SQ, [.. items], undefinedLength: false);

    private static byte[] Tag(DicomTag tag)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), tag.Element);
        return bytes;
    }

    private static string DimensionOrganization(SegmentationOrigin origin) => DicomUids.FromKey("segmentation-dimensions:" + origin.AnalysisId);

    /// <summary>Content Label is CS: upper-case letters, digits, space and underscore, at most 16.</summary>
    private static string ContentLabelOf(string engine)
    {
        var label = new string(engine.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return label.Length <= 16 ? label : label[..16];
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
