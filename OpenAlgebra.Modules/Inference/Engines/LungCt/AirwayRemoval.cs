using OpenAlgebra.Modules.Inference.Morphology;

namespace OpenAlgebra.Modules.Inference.Engines.LungCt;

/// <summary>
/// Finds the trachea and main bronchi among the air runs, so they can be left out of the lungs: the trachea is the small
/// air section nearest the body's midline in the highest slices; it is followed slice by slice toward the feet through
/// every small section overlapping the one above (the carina splits it into the two bronchi), and each branch stops
/// where its section joins a lung's (which is large).
/// </summary>
internal static class AirwayRemoval
{
    /// <summary>An airway section is at most this large; a lung section where a bronchus enters is far larger.</summary>
    public const double MaxSectionMm2 = 800;

    /// <summary>How far from the midline the trachea may lie (lung apices are further out).</summary>
    public const double MaxMidlineOffsetMm = 25;

    /// <returns>Per run, whether it is airway.</returns>
    public static bool[] Find(Runs runs, RunComponents components, PatientGrid grid, double midlineA)
    {
        var airway = new bool[runs.Count];
        var occupied = Enumerable.Range(0, runs.SizeS).Where(s => runs.SliceRuns(s) is var (first, end) && end > first).ToArray();
        if (occupied.Length == 0)
        {
            return airway;
        }

        // Toward the feet from the top slice; the trachea must show within the upper third of the lungs' extent.
        var step = grid.STowardHead ? -1 : 1;
        var top = grid.STowardHead ? occupied[^1] : occupied[0];
        var searchEnd = top + (step * Math.Max(1, (occupied[^1] - occupied[0] + 1) / 3));
        var area = new long[runs.Count];
        var sumA = new double[runs.Count];
        var start = -1;
        for (var s = top; s != searchEnd; s += step)
        {
            var sections = Sections(runs, components, s, area, sumA);
            var trachea = sections
                .Where(c => area[c] * grid.PixelAreaMm2 <= MaxSectionMm2 && Math.Abs((sumA[c] / area[c]) - midlineA) * grid.SpacingA <= MaxMidlineOffsetMm)
                .OrderBy(c => Math.Abs((sumA[c] / area[c]) - midlineA))
                .Take(1)
                .ToArray();
            Clear(sections, area, sumA);
            if (trachea.Length == 1)
            {
                Mark(runs, components, s, [trachea[0]], airway);
                start = s;
                break;
            }
        }

        if (start < 0)
        {
            return airway;
        }

        for (var s = start + step; s >= 0 && s < runs.SizeS; s += step)
        {
            var sections = Sections(runs, components, s, area, sumA);
            var below = OverlappingSections(runs, components, airway, s - step, s);
            var small = below.Where(c => area[c] * grid.PixelAreaMm2 <= MaxSectionMm2).ToArray();
            Clear(sections, area, sumA);
            if (small.Length == 0)
            {
                break;
            }

            Mark(runs, components, s, small, airway);
        }

        return airway;
    }

    /// <summary>The 2D sections of slice s with their areas and Σa (indexed by section id) filled in.</summary>
    private static List<int> Sections(Runs runs, RunComponents components, int s, long[] area, double[] sumA)
    {
        var sections = new List<int>();
        var (first, end) = runs.SliceRuns(s);
        for (var r = first; r < end; r++)
        {
            var c = components.SliceComponent[r];
            if (area[c] == 0)
            {
                sections.Add(c);
            }

            long length = runs.End[r] - runs.Start[r];
            area[c] += length;
            sumA[c] += length * (runs.Start[r] + runs.End[r] - 1) / 2.0;
        }

        return sections;
    }

    private static void Clear(List<int> sections, long[] area, double[] sumA)
    {
        foreach (var c in sections)
        {
            area[c] = 0;
            sumA[c] = 0;
        }
    }

    /// <summary>The sections of slice <paramref name="s"/> that overlap an airway run of slice <paramref name="above"/> in the same row.</summary>
    private static HashSet<int> OverlappingSections(Runs runs, RunComponents components, bool[] airway, int above, int s)
    {
        var found = new HashSet<int>();
        for (var b = 0; b < runs.SizeB; b++)
        {
            int upper = (above * runs.SizeB) + b, lower = (s * runs.SizeB) + b;
            for (var x = runs.RowStart[upper]; x < runs.RowStart[upper + 1]; x++)
            {
                if (!airway[x])
                {
                    continue;
                }

                for (var y = runs.RowStart[lower]; y < runs.RowStart[lower + 1]; y++)
                {
                    if (runs.Start[x] < runs.End[y] && runs.Start[y] < runs.End[x])
                    {
                        found.Add(components.SliceComponent[y]);
                    }
                }
            }
        }

        return found;
    }

    private static void Mark(Runs runs, RunComponents components, int s, int[] sections, bool[] airway)
    {
        var (first, end) = runs.SliceRuns(s);
        for (var r = first; r < end; r++)
        {
            if (Array.IndexOf(sections, components.SliceComponent[r]) >= 0)
            {
                airway[r] = true;
            }
        }
    }
}
