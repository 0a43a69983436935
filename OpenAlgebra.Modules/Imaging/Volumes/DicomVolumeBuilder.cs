using System.Buffers;
using System.Runtime.ExceptionServices;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Modules.Imaging.Volumes;

internal sealed class DicomVolumeBuilder(IDicomPixelDecoder decoder) : IVolumeBuilder
{
    public Volume Build(IReadOnlyList<DicomFile> instances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count == 0)
        {
            throw new VolumeBuildException("No instances: a volume needs at least one image.");
        }

        CheckOneSeries(instances);
        var slices = new List<Slice>();
        for (var n = 0; n < instances.Count; n++)
        {
            slices.AddRange(SliceReader.Read(instances[n], decoder.Open(instances[n]), n + 1));
        }

        var stack = SliceStack.Order(slices);
        var layout = slices[0].Pixels.Layout;
        var sliceSamples = layout.SamplesPerFrame;
        var total = (long)sliceSamples * slices.Count;
        if (total > Array.MaxLength)
        {
            throw new VolumeBuildException($"{slices.Count} slices of {layout.Columns}×{layout.Rows}×{layout.SamplesPerPixel} are {total} voxels, more than one volume can hold.");
        }

        var voxels = new float[total];
        Decode(stack.Ordered, voxels, sliceSamples, cancellationToken);
        var warnings = stack.Warnings.ToList();
        var window = SourceWindow(instances[0], warnings);
        return new Volume(layout.Columns, layout.Rows, slices.Count, 1, layout.SamplesPerPixel, voxels, stack.IjkToLps, warnings) { SourceWindow = window };
    }

    /// <summary>The series' display window, as its first instance gives it; a malformed one is a warning, not a reason to refuse the series.</summary>
    private static VoiWindow? SourceWindow(DicomFile instance, List<string> warnings)
    {
        try
        {
            return VoiWindow.FromDataset(instance.Dataset);
        }
        catch (DicomFormatException e)
        {
            warnings.Add($"The window (Window Center/Width) is unusable, so the automatic window stretches each slice instead: {e.Message}");
            return null;
        }
    }

    /// <summary>Decodes and rescales every slice into its place, slices in parallel, one pooled frame buffer per worker.</summary>
    private static void Decode(IReadOnlyList<Slice> ordered, float[] voxels, int sliceSamples, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        try
        {
            Parallel.For(
                0,
                ordered.Count,
                options,
                () => Array.Empty<byte>(),
                (k, _, buffer) =>
                {
                    var slice = ordered[k];
                    var length = slice.Pixels.Layout.FrameLength;
                    if (buffer.Length < length)
                    {
                        Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(length);
                    }

                    var frame = buffer.AsSpan(0, length);
                    slice.Pixels.DecodeFrame(slice.Frame, frame);
                    slice.Rescale.Apply(frame, slice.Pixels.Layout.SampleType, voxels.AsSpan(k * sliceSamples, sliceSamples));
                    return buffer;
                },
                Return);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Report the first slice's own error (a DicomFormatException naming the frame), not the wrapper.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    private static void Return(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckOneSeries(IReadOnlyList<DicomFile> instances)
    {
        var series = instances.Select(i => i.Dataset.GetString(DicomTags.SeriesInstanceUid)).Where(u => !string.IsNullOrEmpty(u)).Distinct().ToList();
        if (series.Count > 1)
        {
            throw new VolumeBuildException($"The instances belong to {series.Count} series ({string.Join(", ", series)}): a volume is built from one.");
        }
    }
}
