using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.Inference.Engines.RandomWalker;

/// <summary>
/// Grady's system for the unseeded voxels: the rows and columns of the grid graph's Laplacian L for the unseeded
/// voxels (A = L_UU, symmetric positive definite as soon as one voxel is seeded), and per label the right-hand side
/// −L_US·x_S, which is each unseeded voxel's total weight to that label's seeds. Built straight into CSR from the
/// 6-neighbour stencil, slices in parallel: one pass counts each slice's unknowns and entries, one fills them.
/// </summary>
internal sealed class GraphLaplacian
{
    private GraphLaplacian(CsrMatrix<double> matrix, int[] unknowns, double[][] rightHandSides)
    {
        Matrix = matrix;
        Unknowns = unknowns;
        RightHandSides = rightHandSides;
    }

    public CsrMatrix<double> Matrix { get; }

    /// <summary>The voxel index of each row.</summary>
    public int[] Unknowns { get; }

    /// <summary>One right-hand side per label asked for, in that order.</summary>
    public double[][] RightHandSides { get; }

    public static GraphLaplacian Build(Volume volume, byte[] seeds, IReadOnlyList<byte> labels, EdgeWeights weights, CancellationToken cancellationToken)
    {
        int sx = volume.SizeX, sy = volume.SizeY, sz = volume.SizeZ, plane = sx * sy;
        var options = new ParallelOptions { CancellationToken = cancellationToken };

        // Pass 1: each slice's unknowns and stored entries (the diagonal plus one per unseeded neighbour).
        var sliceRows = new int[sz + 1];
        var sliceEntries = new long[sz + 1];
        Parallel.For(0, sz, options, k =>
        {
            int rows = 0;
            long entries = 0;
            for (var n = k * plane; n < (k + 1) * plane; n++)
            {
                if (seeds[n] != 0)
                {
                    continue;
                }

                rows++;
                entries += 1 + UnseededNeighbours(seeds, n, sx, sy, sz, plane);
            }

            sliceRows[k + 1] = rows;
            sliceEntries[k + 1] = entries;
        });
        for (var k = 0; k < sz; k++)
        {
            sliceRows[k + 1] += sliceRows[k];
            sliceEntries[k + 1] += sliceEntries[k];
        }

        var unknownCount = sliceRows[sz];
        if (sliceEntries[sz] > Array.MaxLength)
        {
            throw new AnalysisInputException($"The volume is too large for one sparse system ({sliceEntries[sz]} entries).");
        }

        // Row numbers in voxel order, so the columns of each row come out increasing.
        var rowOf = new int[volume.Voxels.Length];
        var unknowns = new int[unknownCount];
        Parallel.For(0, sz, options, k =>
        {
            var row = sliceRows[k];
            for (var n = k * plane; n < (k + 1) * plane; n++)
            {
                if (seeds[n] == 0)
                {
                    unknowns[row] = n;
                    rowOf[n] = row++;
                }
                else
                {
                    rowOf[n] = -1;
                }
            }
        });

        var rowPointers = new int[unknownCount + 1];
        var columns = new int[sliceEntries[sz]];
        var values = new double[columns.Length];
        var rightHandSides = labels.Select(_ => new double[unknownCount]).ToArray();
        var labelIndex = new int[256];
        Array.Fill(labelIndex, -1);
        for (var l = 0; l < labels.Count; l++)
        {
            labelIndex[labels[l]] = l;
        }

        var voxels = volume.Voxels;
        Parallel.For(0, sz, options, k =>
        {
            var row = sliceRows[k];
            var entry = (int)sliceEntries[k];
            for (var n = k * plane; n < (k + 1) * plane; n++)
            {
                if (seeds[n] != 0)
                {
                    continue;
                }

                int i = n % sx, j = n / sx % sy;
                var value = voxels[n];
                double degree = 0;
                var diagonal = -1;

                // Neighbours in increasing voxel order: −k, −j, −i, (self), +i, +j, +k.
                void Edge(int m, double factor, ref int entry)
                {
                    var w = EdgeWeights.Weight(factor, value, voxels[m]);
                    degree += w;
                    if (seeds[m] == 0)
                    {
                        columns[entry] = rowOf[m];
                        values[entry++] = -w;
                    }
                    else if (labelIndex[seeds[m]] is var l and >= 0)
                    {
                        rightHandSides[l][row] += w;
                    }
                }

                if (k > 0) Edge(n - plane, weights.FactorK, ref entry);
                if (j > 0) Edge(n - sx, weights.FactorJ, ref entry);
                if (i > 0) Edge(n - 1, weights.FactorI, ref entry);
                diagonal = entry++;
                columns[diagonal] = row;
                if (i < sx - 1) Edge(n + 1, weights.FactorI, ref entry);
                if (j < sy - 1) Edge(n + sx, weights.FactorJ, ref entry);
                if (k < sz - 1) Edge(n + plane, weights.FactorK, ref entry);
                values[diagonal] = degree;
                rowPointers[++row] = entry;
            }
        });

        return new GraphLaplacian(new CsrMatrix<double>(unknownCount, unknownCount, rowPointers, columns, values), unknowns, rightHandSides);
    }

    private static int UnseededNeighbours(byte[] seeds, int n, int sx, int sy, int sz, int plane)
    {
        int i = n % sx, j = n / sx % sy, k = n / plane;
        var count = 0;
        if (i > 0 && seeds[n - 1] == 0) count++;
        if (i < sx - 1 && seeds[n + 1] == 0) count++;
        if (j > 0 && seeds[n - sx] == 0) count++;
        if (j < sy - 1 && seeds[n + sx] == 0) count++;
        if (k > 0 && seeds[n - plane] == 0) count++;
        if (k < sz - 1 && seeds[n + plane] == 0) count++;
        return count;
    }
}
