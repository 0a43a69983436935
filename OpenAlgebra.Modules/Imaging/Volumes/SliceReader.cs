using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Modules.Imaging.Volumes;

/// <summary>
/// The slices of an instance: one per frame. Geometry and rescale come from the frame's Per-Frame Functional Groups
/// item, else the Shared Functional Groups, else the top-level attributes of a classic single-frame image
/// (PS3.3 C.7.6.16).
/// </summary>
internal static class SliceReader
{
    public static IEnumerable<Slice> Read(DicomFile file, DicomPixelData pixels, int instance)
    {
        var dataset = file.Dataset;
        var shared = Item(dataset, DicomTags.SharedFunctionalGroupsSequence, 0);
        var perFrameCount = dataset.Find(DicomTags.PerFrameFunctionalGroupsSequence) is DicomSequence sequence ? sequence.Items.Count : 0;
        if (perFrameCount != 0 && perFrameCount != pixels.FrameCount)
        {
            throw new VolumeBuildException($"Instance {instance} has {pixels.FrameCount} frames but {perFrameCount} Per-Frame Functional Groups items.");
        }

        for (var frame = 0; frame < pixels.FrameCount; frame++)
        {
            var perFrame = perFrameCount == 0 ? null : Item(dataset, DicomTags.PerFrameFunctionalGroupsSequence, frame);
            var label = pixels.FrameCount == 1 ? $"instance {instance}" : $"instance {instance} frame {frame + 1}";
            yield return Read(dataset, perFrame, shared, pixels, frame, label);
        }
    }

    private static Slice Read(DicomDataset dataset, DicomDataset? perFrame, DicomDataset? shared, DicomPixelData pixels, int frame, string label)
    {
        var position = Numbers(dataset, perFrame, shared, DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient);
        var orientation = Numbers(dataset, perFrame, shared, DicomTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient);
        if (position.Length != 3 || orientation.Length != 6)
        {
            throw new VolumeBuildException($"The {label} has no usable Image Position (Patient) and Image Orientation (Patient).");
        }

        var row = new Vector3D(orientation[0], orientation[1], orientation[2]);
        var column = new Vector3D(orientation[3], orientation[4], orientation[5]);
        if (Math.Abs(row.Length - 1) > 1e-3 || Math.Abs(column.Length - 1) > 1e-3 || Math.Abs(row.Dot(column)) > 1e-3)
        {
            throw new VolumeBuildException($"The {label}'s Image Orientation (Patient) is not two orthogonal unit vectors.");
        }

        var spacing = Numbers(dataset, perFrame, shared, DicomTags.PixelMeasuresSequence, DicomTags.PixelSpacing);
        var spacingGiven = spacing is [> 0, > 0];
        var between = Numbers(dataset, perFrame, shared, DicomTags.PixelMeasuresSequence, DicomTags.SpacingBetweenSlices);
        var thickness = Numbers(dataset, perFrame, shared, DicomTags.PixelMeasuresSequence, DicomTags.SliceThickness);
        double? sliceSpacing = between is [> 0, ..] ? between[0] : thickness is [> 0, ..] ? thickness[0] : null;
        var slope = Numbers(dataset, perFrame, shared, DicomTags.PixelValueTransformationSequence, DicomTags.RescaleSlope);
        var intercept = Numbers(dataset, perFrame, shared, DicomTags.PixelValueTransformationSequence, DicomTags.RescaleIntercept);
        var rescale = new ModalityRescale(slope is [var s, ..] ? s : 1, intercept is [var i, ..] ? i : 0);
        return new Slice(
            pixels, frame, label, new Vector3D(position[0], position[1], position[2]), row * (1 / row.Length), column * (1 / column.Length),
            spacingGiven ? spacing[0] : 1, spacingGiven ? spacing[1] : 1, spacingGiven, sliceSpacing, rescale);
    }

    /// <summary>An attribute of a functional group macro: the frame's own, else the shared one, else the top level's.</summary>
    private static double[] Numbers(DicomDataset dataset, DicomDataset? perFrame, DicomDataset? shared, DicomTag macro, DicomTag tag)
    {
        foreach (var group in (ReadOnlySpan<DicomDataset?>)[perFrame, shared])
        {
            if (group is not null && Item(group, macro, 0) is { } item && item.Contains(tag))
            {
                return DatasetNumbers.Get(item, tag);
            }
        }

        return DatasetNumbers.Get(dataset, tag);
    }

    private static DicomDataset? Item(DicomDataset dataset, DicomTag sequence, int index) =>
        dataset.Find(sequence) is DicomSequence { Items: var items } && index < items.Count ? items[index] : null;
}
