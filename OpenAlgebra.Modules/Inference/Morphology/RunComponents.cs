namespace OpenAlgebra.Modules.Inference.Morphology;

/// <summary>
/// Face-connected (6-neighbour) components of a run mask: two runs touch when their a-ranges overlap in neighbouring
/// rows of one slice or in the same row of neighbouring slices. Labelling within each slice runs in parallel (a
/// slice's runs form their own index range, so the slices' union-find trees never meet); the slices are then joined
/// in order.
/// </summary>
internal sealed class RunComponents
{
    private RunComponents(int[] sliceComponent, int[] component, int count, long[] sizes)
    {
        SliceComponent = sliceComponent;
        Component = component;
        Count = count;
        Sizes = sizes;
    }

    /// <summary>Per run, a run index naming its 2D component within its slice (the smallest run index in it).</summary>
    public int[] SliceComponent { get; }

    /// <summary>Per run, its 3D component, numbered 0..Count−1 in order of first appearance.</summary>
    public int[] Component { get; }

    public int Count { get; }

    /// <summary>Voxels per 3D component.</summary>
    public long[] Sizes { get; }

    public static RunComponents Of(Runs runs, CancellationToken cancellationToken)
    {
        var parent = new int[runs.Count];
        UnionFind.Reset(parent);
        Parallel.For(0, runs.SizeS, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            for (var b = 1; b < runs.SizeB; b++)
            {
                var row = (s * runs.SizeB) + b;
                JoinOverlapping(runs, parent, row - 1, row);
            }
        });

        var sliceComponent = new int[runs.Count];
        for (var r = 0; r < runs.Count; r++)
        {
            sliceComponent[r] = UnionFind.Find(parent, r);
        }

        for (var s = 1; s < runs.SizeS; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var b = 0; b < runs.SizeB; b++)
            {
                var row = (s * runs.SizeB) + b;
                JoinOverlapping(runs, parent, row - runs.SizeB, row);
            }
        }

        var component = new int[runs.Count];
        var number = new int[runs.Count];
        Array.Fill(number, -1);
        var count = 0;
        for (var r = 0; r < runs.Count; r++)
        {
            var root = UnionFind.Find(parent, r);
            if (number[root] < 0)
            {
                number[root] = count++;
            }

            component[r] = number[root];
        }

        var sizes = new long[count];
        for (var r = 0; r < runs.Count; r++)
        {
            sizes[component[r]] += runs.End[r] - runs.Start[r];
        }

        return new RunComponents(sliceComponent, component, count, sizes);
    }

    /// <summary>Unions every pair of overlapping runs of two rows by merging their ordered run lists.</summary>
    private static void JoinOverlapping(Runs runs, int[] parent, int rowX, int rowY)
    {
        int x = runs.RowStart[rowX], xEnd = runs.RowStart[rowX + 1];
        int y = runs.RowStart[rowY], yEnd = runs.RowStart[rowY + 1];
        while (x < xEnd && y < yEnd)
        {
            if (runs.Start[x] < runs.End[y] && runs.Start[y] < runs.End[x])
            {
                UnionFind.Union(parent, x, y);
            }

            if (runs.End[x] < runs.End[y])
            {
                x++;
            }
            else
            {
                y++;
            }
        }
    }
}
