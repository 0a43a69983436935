using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Metrics;
using OpenAlgebra.Modules.Inference.Morphology;

namespace OpenAlgebra.Modules.Inference.Engines.LungCt;

/// <summary>What the lung segmentation found besides the labels.</summary>
internal sealed record LungSegmentation(byte[] Labels, int Lungs, bool Touching, long AirwayVoxels)
{
    /// <summary>Air inside the body smaller than this is not a lung (bowel gas, noise).</summary>
    public const double MinimumLungMl = 50;

    /// <summary>A second air component is the other lung when it holds at least this share of the largest.</summary>
    public const double SecondLungShare = 0.1;

    /// <summary>
    /// Air below the threshold, less the air connected to the sides of the axial slices (outside the body), less the
    /// trachea and main bronchi, as its one or two largest components, by side, holes filled: all on runs of voxels,
    /// slices in parallel, in time proportional to the voxels.
    /// </summary>
    public static LungSegmentation Segment(Volume volume, float thresholdHu, bool removeAirways, Action<int, string> progress, CancellationToken cancellationToken)
    {
        var grid = PatientGrid.Of(volume);
        var mask = grid.Below(volume.Voxels, thresholdHu, cancellationToken);
        var runs = Runs.Of(mask, grid.SizeA, grid.SizeB, grid.SizeS, cancellationToken);
        var components = RunComponents.Of(runs, cancellationToken);
        progress(30, $"{components.Count} air components");

        var outside = Outside(runs, components);
        var midline = BodyMidline(runs, components, outside);
        var minimum = MinimumLungMl / MaskGeometry.VoxelVolumeMl(volume);
        var candidates = Largest(components, c => !outside[c], minimum, SecondLungShare);
        Array.Clear(mask);
        if (candidates.Length == 0)
        {
            return new LungSegmentation(grid.ToSource(mask, cancellationToken), 0, false, 0);
        }

        var lungRuns = runs.Where([.. components.Component.Select(c => Array.IndexOf(candidates, c) >= 0)]);
        long airwayVoxels = 0;
        if (removeAirways)
        {
            var airway = AirwayRemoval.Find(lungRuns, RunComponents.Of(lungRuns, cancellationToken), grid, midline);
            for (var r = 0; r < lungRuns.Count; r++)
            {
                airwayVoxels += airway[r] ? lungRuns.End[r] - lungRuns.Start[r] : 0;
            }

            lungRuns = lungRuns.Where([.. airway.Select(a => !a)]);
        }

        progress(60, "Airways removed");
        var lungComponents = RunComponents.Of(lungRuns, cancellationToken);
        var lungs = Largest(lungComponents, _ => true, minimum, SecondLungShare);
        if (lungs.Length == 0)
        {
            return new LungSegmentation(grid.ToSource(mask, cancellationToken), 0, false, airwayVoxels);
        }

        var sides = LungSides.Assign(lungRuns, lungComponents, lungs, grid, midline);
        lungRuns.Paint(mask, sides.BelowCut, sides.FromCut, sides.Cut, cancellationToken);
        SliceHoleFilling.Fill(mask, grid.SizeA, grid.SizeB, grid.SizeS, [LungSides.Right, LungSides.Left], cancellationToken);
        progress(80, "Holes filled");
        return new LungSegmentation(grid.ToSource(mask, cancellationToken), sides.Touching ? 2 : lungs.Length, sides.Touching, airwayVoxels);
    }

    /// <summary>Components with a run on a side of an axial slice: the air around the body (the top and bottom slices do not count, or the trachea would).</summary>
    private static bool[] Outside(Runs runs, RunComponents components)
    {
        var outside = new bool[components.Count];
        for (var r = 0; r < runs.Count; r++)
        {
            var b = runs.Row[r] % runs.SizeB;
            if (b == 0 || b == runs.SizeB - 1 || runs.Start[r] == 0 || runs.End[r] == runs.SizeA)
            {
                outside[components.Component[r]] = true;
            }
        }

        return outside;
    }

    /// <summary>The mean a of everything that is not outside air: the body (and table), whose middle is the patient's midline.</summary>
    private static double BodyMidline(Runs runs, RunComponents components, bool[] outside)
    {
        var change = new long[runs.SizeA + 1];
        for (var r = 0; r < runs.Count; r++)
        {
            if (outside[components.Component[r]])
            {
                change[runs.Start[r]]++;
                change[runs.End[r]]--;
            }
        }

        long column = (long)runs.SizeB * runs.SizeS, running = 0;
        double sum = 0, count = 0;
        for (var a = 0; a < runs.SizeA; a++)
        {
            running += change[a];
            var body = column - running;
            sum += (double)body * a;
            count += body;
        }

        return count > 0 ? sum / count : (runs.SizeA - 1) / 2.0;
    }

    /// <summary>The largest admitted component if it has <paramref name="minimum"/> voxels, and the next if it has the given share of it.</summary>
    private static int[] Largest(RunComponents components, Func<int, bool> admit, double minimum, double share)
    {
        var ranked = Enumerable.Range(0, components.Count).Where(admit).OrderByDescending(c => components.Sizes[c]).Take(2).ToArray();
        if (ranked.Length == 0 || components.Sizes[ranked[0]] < minimum)
        {
            return [];
        }

        return ranked.Length == 2 && components.Sizes[ranked[1]] >= share * components.Sizes[ranked[0]] ? ranked : [ranked[0]];
    }
}
