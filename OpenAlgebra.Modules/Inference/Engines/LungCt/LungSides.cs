using OpenAlgebra.Modules.Inference.Morphology;

namespace OpenAlgebra.Modules.Inference.Engines.LungCt;

/// <summary>
/// Names the lungs by the patient's side: label 1 the right lung, 2 the left. Two lungs apart are told by their mean
/// position along left–right; lungs that touch (one component spanning both sides) are cut by the plane through the
/// least populated column of the middle of their left–right projection, which is where the anterior junction is thin.
/// </summary>
internal static class LungSides
{
    public const byte Right = 1, Left = 2;

    /// <summary>A component counts as both lungs when each side of its cut holds at least this share of it.</summary>
    private const double SideShare = 0.2;

    /// <summary>How the runs are labelled: run r takes <c>BelowCut[r]</c> for a &lt; Cut and <c>FromCut[r]</c> from Cut on.</summary>
    internal sealed record Labelling(byte[] BelowCut, byte[] FromCut, int Cut, bool Touching);

    /// <param name="lungs">The lung components (one or two), by component number.</param>
    /// <param name="midlineA">The body's midline on the a axis, which places a lone lung on its side.</param>
    public static Labelling Assign(Runs runs, RunComponents components, int[] lungs, PatientGrid grid, double midlineA)
    {
        var below = new byte[runs.Count];
        var from = new byte[runs.Count];
        var meanA = lungs.Select(c => MeanA(runs, components, c)).ToArray();
        byte SideOf(double a) => (a > midlineA) == grid.ATowardLeft ? Left : Right;

        if (lungs.Length == 2)
        {
            var first = (meanA[0] > meanA[1]) == grid.ATowardLeft ? Left : Right;
            var second = first == Left ? Right : Left;
            for (var r = 0; r < runs.Count; r++)
            {
                var c = components.Component[r];
                below[r] = from[r] = c == lungs[0] ? first : c == lungs[1] ? second : (byte)0;
            }

            return new Labelling(below, from, runs.SizeA, false);
        }

        var lung = lungs[0];
        var profile = Projection(runs, components, lung);
        var cut = Cut(profile);
        long total = 0, beforeCut = 0;
        for (var a = 0; a < profile.Length; a++)
        {
            total += profile[a];
            beforeCut += a < cut ? profile[a] : 0;
        }

        var touching = cut > 0 && Math.Min(beforeCut, total - beforeCut) >= SideShare * total;
        byte low, high;
        if (touching)
        {
            (low, high) = grid.ATowardLeft ? (Right, Left) : (Left, Right);
        }
        else
        {
            low = high = SideOf(meanA[0]);
            cut = runs.SizeA;
        }

        for (var r = 0; r < runs.Count; r++)
        {
            var inLung = components.Component[r] == lung;
            below[r] = inLung ? low : (byte)0;
            from[r] = inLung ? high : (byte)0;
        }

        return new Labelling(below, from, cut, touching);
    }

    /// <summary>Voxels of the component in each column a.</summary>
    private static long[] Projection(Runs runs, RunComponents components, int component)
    {
        var change = new long[runs.SizeA + 1];
        for (var r = 0; r < runs.Count; r++)
        {
            if (components.Component[r] == component)
            {
                change[runs.Start[r]]++;
                change[runs.End[r]]--;
            }
        }

        var profile = new long[runs.SizeA];
        long running = 0;
        for (var a = 0; a < runs.SizeA; a++)
        {
            running += change[a];
            profile[a] = running;
        }

        return profile;
    }

    /// <summary>The least populated column in the middle 40% of the occupied columns; 0 when there are too few columns to cut.</summary>
    private static int Cut(long[] profile)
    {
        int lo = Array.FindIndex(profile, v => v > 0), hi = Array.FindLastIndex(profile, v => v > 0);
        if (lo < 0 || hi - lo < 4)
        {
            return 0;
        }

        var from = lo + (int)(0.3 * (hi - lo));
        var to = lo + (int)Math.Ceiling(0.7 * (hi - lo));
        var best = from;
        for (var a = from; a <= to; a++)
        {
            if (profile[a] < profile[best])
            {
                best = a;
            }
        }

        return best;
    }

    private static double MeanA(Runs runs, RunComponents components, int component)
    {
        double sum = 0;
        long count = 0;
        for (var r = 0; r < runs.Count; r++)
        {
            if (components.Component[r] == component)
            {
                long length = runs.End[r] - runs.Start[r];
                sum += length * (runs.Start[r] + runs.End[r] - 1) / 2.0;
                count += length;
            }
        }

        return sum / count;
    }
}
