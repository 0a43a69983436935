namespace OpenAlgebra.Modules.Inference.Morphology;

/// <summary>
/// A binary 3D mask as runs along its first axis: run r covers <c>a ∈ [Start[r], End[r])</c> of row
/// <c>Row[r] = s·SizeB + b</c>, rows in order and runs within a row in order. A CT mask has a few runs per row where it
/// has 512 voxels, so connected components, selections and splits work on runs instead of voxels.
/// </summary>
internal sealed class Runs
{
    private Runs(int sizeA, int sizeB, int sizeS, int[] rowStart, int[] start, int[] end, int[] row)
    {
        (SizeA, SizeB, SizeS) = (sizeA, sizeB, sizeS);
        RowStart = rowStart;
        Start = start;
        End = end;
        Row = row;
    }

    public int SizeA { get; }
    public int SizeB { get; }
    public int SizeS { get; }

    /// <summary>Runs of row w are <c>RowStart[w]..RowStart[w + 1]</c>; rows are <c>s·SizeB + b</c>.</summary>
    public int[] RowStart { get; }
    public int[] Start { get; }
    public int[] End { get; }
    public int[] Row { get; }
    public int Count => Start.Length;

    public int SliceOf(int run) => Row[run] / SizeB;

    /// <summary>The runs of slice s: <c>[First, End)</c>.</summary>
    public (int First, int End) SliceRuns(int s) => (RowStart[s * SizeB], RowStart[(s + 1) * SizeB]);

    /// <summary>The runs of the non-zero voxels of <paramref name="mask"/> (indexed <c>(s·SizeB + b)·SizeA + a</c>), slices in parallel.</summary>
    public static Runs Of(byte[] mask, int sizeA, int sizeB, int sizeS, CancellationToken cancellationToken)
    {
        var rows = sizeB * sizeS;
        var rowStart = new int[rows + 1];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, sizeS, options, s =>
        {
            for (var b = 0; b < sizeB; b++)
            {
                var row = (s * sizeB) + b;
                rowStart[row + 1] = CountRuns(mask.AsSpan(row * sizeA, sizeA));
            }
        });
        for (var row = 0; row < rows; row++)
        {
            rowStart[row + 1] += rowStart[row];
        }

        var count = rowStart[rows];
        int[] start = new int[count], end = new int[count], rowOf = new int[count];
        Parallel.For(0, sizeS, options, s =>
        {
            for (var b = 0; b < sizeB; b++)
            {
                var row = (s * sizeB) + b;
                var line = mask.AsSpan(row * sizeA, sizeA);
                var next = rowStart[row];
                var a = 0;
                while (true)
                {
                    var first = line[a..].IndexOfAnyExcept((byte)0);
                    if (first < 0)
                    {
                        break;
                    }

                    a += first;
                    var length = line[a..].IndexOf((byte)0);
                    var stop = length < 0 ? sizeA : a + length;
                    start[next] = a;
                    end[next] = stop;
                    rowOf[next++] = row;
                    a = stop;
                    if (a == sizeA)
                    {
                        break;
                    }
                }
            }
        });
        return new Runs(sizeA, sizeB, sizeS, rowStart, start, end, rowOf);
    }

    /// <summary>The runs whose <paramref name="keep"/> flag is set, in the same order.</summary>
    public Runs Where(bool[] keep)
    {
        var rows = SizeB * SizeS;
        var rowStart = new int[rows + 1];
        var kept = 0;
        for (var row = 0; row < rows; row++)
        {
            for (var r = RowStart[row]; r < RowStart[row + 1]; r++)
            {
                kept += keep[r] ? 1 : 0;
            }

            rowStart[row + 1] = kept;
        }

        int[] start = new int[kept], end = new int[kept], rowOf = new int[kept];
        var next = 0;
        for (var r = 0; r < Count; r++)
        {
            if (keep[r])
            {
                (start[next], end[next], rowOf[next]) = (Start[r], End[r], Row[r]);
                next++;
            }
        }

        return new Runs(SizeA, SizeB, SizeS, rowStart, start, end, rowOf);
    }

    /// <summary>
    /// Writes each run r into <paramref name="mask"/> (which it does not clear): <paramref name="belowCut"/>[r] over its
    /// voxels with a &lt; <paramref name="cut"/>, <paramref name="fromCut"/>[r] over the rest.
    /// </summary>
    public void Paint(byte[] mask, byte[] belowCut, byte[] fromCut, int cut, CancellationToken cancellationToken)
    {
        Parallel.For(0, SizeS, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            var (first, end) = SliceRuns(s);
            for (var r = first; r < end; r++)
            {
                var row = Row[r] * SizeA;
                var split = Math.Clamp(cut, Start[r], End[r]);
                mask.AsSpan(row + Start[r], split - Start[r]).Fill(belowCut[r]);
                mask.AsSpan(row + split, End[r] - split).Fill(fromCut[r]);
            }
        });
    }

    private static int CountRuns(ReadOnlySpan<byte> line)
    {
        var runs = 0;
        var inside = false;
        foreach (var value in line)
        {
            var set = value != 0;
            runs += set && !inside ? 1 : 0;
            inside = set;
        }

        return runs;
    }
}
