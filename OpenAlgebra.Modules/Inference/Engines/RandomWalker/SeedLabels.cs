using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Inference.Engines.RandomWalker;

/// <summary>
/// The seeds of a request on the volume's grid: the voxel lists by label and the non-zero voxels of a seed label
/// volume (the request's mask), merged; 0 where a voxel is unseeded.
/// </summary>
internal sealed record SeedLabels(byte[] Labels, byte[] Values)
{
    /// <exception cref="AnalysisInputException">A label is outside 1–255, a voxel is off the grid or seeded twice differently, or fewer than two labels have seeds.</exception>
    public static SeedLabels From(AnalysisRequest request, Volume volume)
    {
        var labels = new byte[volume.Voxels.Length];
        if (request.Mask is { } mask)
        {
            Metrics.MaskGeometry.RequireSameGrid(mask, volume, "seed label volume");
            mask.Labels.AsSpan().CopyTo(labels);
        }

        foreach (var (label, voxels) in request.Seeds)
        {
            if (label is < 1 or > 255)
            {
                throw new AnalysisInputException($"Seed label {label} is outside 1–255.");
            }

            foreach (var v in voxels)
            {
                if ((uint)v.I >= (uint)volume.SizeX || (uint)v.J >= (uint)volume.SizeY || (uint)v.K >= (uint)volume.SizeZ)
                {
                    throw new AnalysisInputException(
                        $"Seed [{v.I}, {v.J}, {v.K}] of label {label} is outside the {volume.SizeX}×{volume.SizeY}×{volume.SizeZ} grid.");
                }

                var n = (((long)v.K * volume.SizeY) + v.J) * volume.SizeX + v.I;
                if (labels[n] != 0 && labels[n] != label)
                {
                    throw new AnalysisInputException($"Voxel [{v.I}, {v.J}, {v.K}] is seeded as both label {labels[n]} and label {label}.");
                }

                labels[n] = (byte)label;
            }
        }

        var present = new bool[256];
        foreach (var label in labels)
        {
            present[label] = true;
        }

        var values = Enumerable.Range(1, 255).Where(l => present[l]).Select(l => (byte)l).ToArray();
        if (values.Length < 2)
        {
            throw new AnalysisInputException(
                $"random-walker needs seeds for at least two labels (e.g. the object and the background); got {(values.Length == 0 ? "none" : $"only label {values[0]}")}.");
        }

        return new SeedLabels(labels, values);
    }
}
